using SleepBot.Knowledge;
using SleepBot.Safety;

namespace SleepBot.Core.Tests.Safety;

public sealed class SafetyRuleFileTests
{
    private const string ValidFile = """
        signs:
          - id: floppy
            category: illness
            tier: emergency
            phrases: [floppy, "{hard|impossible} to wake"]
        cues:
          negation: [no, not]
        """;

    [Fact]
    public void Every_shipped_rule_file_parses_without_problems()
    {
        Assert.True(ShippedRules.Problems.Count == 0, string.Join(Environment.NewLine, ShippedRules.Problems));
        Assert.True(Directory.EnumerateFiles(ShippedRules.SafetyDirectory, "*.yaml").Count() >= 6);
    }

    [Fact]
    public void A_valid_file_parses_without_problems()
    {
        var problems = new List<KnowledgeProblem>();

        var file = SafetyRuleFile.Parse("safety/test.yaml", ValidFile, problems);

        Assert.NotNull(file);
        Assert.Empty(problems);
    }

    [Fact]
    public void Bad_yaml_is_reported_with_its_line_and_the_file_is_unusable()
    {
        var problems = new List<KnowledgeProblem>();
        const string yaml = "signs:\n  - id: floppy\n    tier: emergency\n   phrases: [floppy]\n";

        var file = SafetyRuleFile.Parse("safety/broken.yaml", yaml, problems);

        Assert.Null(file);
        var problem = Assert.Single(problems);
        Assert.Equal(("safety/broken.yaml", "yaml", ProblemSeverity.Error), (problem.File, problem.Rule, problem.Severity));
        Assert.InRange(problem.Line, 3, 5);
    }

    [Fact]
    public void An_unclosed_list_is_reported_and_never_throws()
    {
        var problems = new List<KnowledgeProblem>();

        var file = SafetyRuleFile.Parse("safety/broken.yaml", "signs:\n  - id: floppy\n    phrases: [floppy\n    tier: emergency\n", problems);

        Assert.Null(file);
        Assert.Equal("yaml", Assert.Single(problems).Rule);
    }

    [Theory]
    [InlineData("category: ilness\n    tier: emergency", "unknown-category", 3)]
    [InlineData("category: illness\n    tier: deadly", "unknown-tier", 4)]
    [InlineData("category: illness", "missing-field", 2)]
    public void A_sign_with_a_bad_required_field_is_reported_on_its_line_and_left_out(string fields, string rule, int line)
    {
        var problems = new List<KnowledgeProblem>();
        var yaml = $"signs:\n  - id: floppy\n    {fields}\n    phrases: [floppy]\n  - id: limp\n    category: illness\n    tier: emergency\n    phrases: [limp]\n";

        var file = SafetyRuleFile.Parse("safety/test.yaml", yaml, problems);

        var problem = Assert.Single(problems);
        Assert.Equal((rule, line), (problem.Rule, problem.Line));
        var checker = new SafetyChecker(SafetyRuleSet.Combine([file!]));
        Assert.Equal(SafetyTier.Emergency, checker.Check("she is limp").Tier);
        Assert.Equal(SafetyTier.None, checker.Check("she is floppy").Tier);
    }

    [Theory]
    [InlineData("colour: red", "unknown-field")]
    [InlineData("young_tier: soon", "unknown-tier")]
    [InlineData("cleared_by: sometimes", "bad-value")]
    [InlineData("cleared_by: [time]", "yaml")]
    public void A_sign_with_a_bad_optional_field_is_reported_but_still_counts(string field, string rule)
    {
        var problems = new List<KnowledgeProblem>();
        var yaml = $"signs:\n  - id: floppy\n    category: illness\n    tier: emergency\n    {field}\n    phrases: [floppy]\n";

        var file = SafetyRuleFile.Parse("safety/test.yaml", yaml, problems);

        var problem = Assert.Single(problems);
        Assert.Equal((rule, 5), (problem.Rule, problem.Line));
        Assert.Equal(SafetyTier.Emergency, new SafetyChecker(SafetyRuleSet.Combine([file!])).Check("she is floppy").Tier);
    }

    [Theory]
    [InlineData("cleared_by: time")]
    [InlineData("cleared_by: any")]
    public void Cleared_by_accepts_time_and_any(string field)
    {
        var problems = new List<KnowledgeProblem>();
        var yaml = $"signs:\n  - id: fall\n    category: injury\n    tier: urgent\n    {field}\n    phrases: [fell off the bed]\ncues:\n  resolved: [fine now]\n  resolved_time: [months ago]\n";

        var file = SafetyRuleFile.Parse("safety/test.yaml", yaml, problems);

        Assert.Empty(problems);
        var checker = new SafetyChecker(SafetyRuleSet.Combine([file!]));
        var expected = field.EndsWith("time", StringComparison.Ordinal) ? SafetyTier.Urgent : SafetyTier.None;
        Assert.Equal(expected, checker.Check("he fell off the bed, fine now").Tier);
        Assert.Equal(SafetyTier.None, checker.Check("he fell off the bed months ago").Tier);
    }

    [Fact]
    public void An_unknown_cleared_by_value_is_reported_and_read_as_time()
    {
        var problems = new List<KnowledgeProblem>();
        var yaml = "signs:\n  - id: fall\n    category: injury\n    tier: urgent\n    cleared_by: never\n    phrases: [fell off the bed]\ncues:\n  resolved: [fine now]\n";

        var file = SafetyRuleFile.Parse("safety/test.yaml", yaml, problems);

        var problem = Assert.Single(problems);
        Assert.Equal(("bad-value", 5), (problem.Rule, problem.Line));
        Assert.Contains("cleared_by", problem.Message, StringComparison.Ordinal);
        Assert.Equal(SafetyTier.Urgent, new SafetyChecker(SafetyRuleSet.Combine([file!])).Check("he fell off the bed, fine now").Tier);
    }

    [Theory]
    [InlineData("phrases: []")]
    [InlineData("phrases: [\"!!!\"]")]
    [InlineData("phrases: [\"{floppy|limp\"]")]
    [InlineData("phrases: [\"* floppy\"]")]
    [InlineData("phrases: [\"floppy ...\"]")]
    [InlineData("phrases: [\"{floppy|...} limp\"]")]
    [InlineData("phrases: [\"\"]")]
    public void Empty_or_malformed_phrases_are_reported(string phrases)
    {
        var problems = new List<KnowledgeProblem>();
        var yaml = $"signs:\n  - id: floppy\n    category: illness\n    tier: emergency\n    {phrases}\n";

        SafetyRuleFile.Parse("safety/test.yaml", yaml, problems);

        var problem = Assert.Single(problems);
        Assert.Equal("empty-pattern", problem.Rule);
        Assert.Equal(5, problem.Line);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Fact]
    public void A_word_list_from_one_file_serves_the_phrases_of_another()
    {
        var problems = new List<KnowledgeProblem>();
        var words = SafetyRuleFile.Parse("safety/words.yaml", "words:\n  vomit: [threw up, puked, vomit*]\n", problems);
        var signs = SafetyRuleFile.Parse("safety/illness.yaml",
            "signs:\n  - id: green_vomit\n    category: illness\n    tier: emergency\n    phrases: [\"@vomit ... green\", \"{@vomit|sick} all night\"]\n", problems);
        SafetyRuleSet.ReportUnknownNames([words!, signs!], problems);
        var checker = new SafetyChecker(SafetyRuleSet.Combine([words!, signs!]));

        Assert.Empty(problems);
        Assert.Equal(SafetyTier.Emergency, checker.Check("she puked twice and the second lot was green").Tier);
        Assert.Equal(SafetyTier.Emergency, checker.Check("vomiting all night").Tier);
        Assert.Equal(SafetyTier.Emergency, checker.Check("sick all night").Tier);
        Assert.Equal(SafetyTier.None, checker.Check("the green sleepsuit").Tier);
    }

    [Fact]
    public void A_combination_may_name_the_signs_the_code_sets_itself()
    {
        var problems = new List<KnowledgeProblem>();
        const string yaml = "signs:\n  - id: in_arms\n    category: unusual_cry\n    tier: none\n    phrases: [in arms]\n"
            + "combos:\n  - id: a\n    when: [in_arms, long_crying]\n    tier: urgent\n    category: unusual_cry\n"
            + "  - id: b\n    when: [fever, days_5_plus, more_than_3_days]\n    tier: urgent\n    category: illness\n"
            + "  - id: c\n    when: [in_arms, no_such_sign]\n    tier: urgent\n    category: unusual_cry\n";
        var file = SafetyRuleFile.Parse("safety/test.yaml", yaml, problems);

        SafetyRuleSet.ReportUnknownNames([file!], problems);

        var problem = Assert.Single(problems);
        Assert.Equal("unknown-sign", problem.Rule);
        Assert.Contains("no_such_sign", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_word_list_and_a_bad_entry_are_reported_with_their_lines()
    {
        var problems = new List<KnowledgeProblem>();
        var words = SafetyRuleFile.Parse("safety/words.yaml", "words:\n  vomit:\n    - threw up\n    - \"{sick|ill}\"\n", problems);
        var signs = SafetyRuleFile.Parse("safety/illness.yaml",
            "signs:\n  - id: green_vomit\n    category: illness\n    tier: emergency\n    phrases:\n      - \"@puke ... green\"\n", problems);
        SafetyRuleSet.ReportUnknownNames([words!, signs!], problems);

        Assert.Equal(
            [("safety/words.yaml", 4, "empty-pattern"), ("safety/illness.yaml", 6, "unknown-words")],
            problems.Select(p => (p.File, p.Line, p.Rule)));
        Assert.Equal(SafetyTier.None, new SafetyChecker(SafetyRuleSet.Combine([words!, signs!])).Check("puke and green").Tier);
    }

    [Fact]
    public void Missing_fields_unknown_sections_and_cue_lists_are_reported()
    {
        var problems = new List<KnowledgeProblem>();
        const string yaml = "signs:\n  - id: floppy\n    phrases: [floppy]\nwarnings: []\ncues:\n  negations: [no]\n";

        SafetyRuleFile.Parse("safety/test.yaml", yaml, problems);

        Assert.Equal(
            ["missing-field", "missing-field", "unknown-field", "unknown-field"],
            problems.Select(p => p.Rule).Order());
        Assert.Contains(problems, p => p is { Rule: "unknown-field", Line: 6 } && p.Message.Contains("negations"));
    }

    [Fact]
    public void An_empty_file_is_unusable()
    {
        var problems = new List<KnowledgeProblem>();

        Assert.Null(SafetyRuleFile.Parse("safety/empty.yaml", "# nothing yet\n", problems));
        Assert.Equal("empty-file", Assert.Single(problems).Rule);
    }

    [Fact]
    public void A_combination_naming_an_unknown_sign_is_reported_by_the_folder_load()
    {
        var dir = Directory.CreateTempSubdirectory("safety-rules-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.yaml"), ValidFile);
            File.WriteAllText(Path.Combine(dir, "b.yaml"), "combos:\n  - id: both\n    when: [floppy, rashy]\n    tier: urgent\n    category: illness\n");
            var problems = new List<KnowledgeProblem>();

            SafetyRuleSet.LoadDirectory(dir, problems);

            var problem = Assert.Single(problems);
            Assert.Equal(("unknown-sign", 2), (problem.Rule, problem.Line));
            Assert.EndsWith("/b.yaml", problem.File);
            Assert.Contains("rashy", problem.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_empty_rule_set_finds_no_sign_words()
    {
        Assert.Equal(SafetyVerdict.Clear, new SafetyChecker(SafetyRuleSet.Empty).Check("floppy, not breathing, green vomit"));
    }
}
