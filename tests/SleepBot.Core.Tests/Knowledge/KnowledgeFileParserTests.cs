using SleepBot.Knowledge;

namespace SleepBot.Tests.Knowledge;

public class KnowledgeFileParserTests
{
    private const string Good = """
        ---
        id: crying-is-communication
        title: Crying is how babies talk
        topic: why_crying
        articles: [000_d35e7a4d79ec71be.txt]
        perspective: neutral
        reviewed_by: Test
        reviewed_on: 2026-11-22
        keywords: [LO, protest]
        ---
        First paragraph with **bold** and a [link](https://example.org).

        - one point
        - another point
        """;

    [Fact]
    public void Reads_front_matter_and_plain_paragraphs()
    {
        var problems = new List<KnowledgeProblem>();

        var entry = KnowledgeFileParser.Parse("why_crying/crying-is-communication.md", Good, problems);

        Assert.Empty(problems);
        Assert.NotNull(entry);
        Assert.Equal("why_crying", entry.Topic);
        Assert.Equal(["LO", "protest"], entry.Keywords);
        Assert.Equal(new DateOnly(2026, 11, 22), entry.ReviewedOn);
        Assert.Equal("First paragraph with bold and a link.", entry.Paragraphs[0]);
        Assert.Equal("• one point\n• another point", entry.Paragraphs[1]);
        Assert.Equal(11, entry.BodyLine);
    }

    [Fact]
    public void Bad_yaml_is_reported_with_the_file_line()
    {
        var broken = Good.Replace("title: Crying is how babies talk", "title: \"unclosed quote", StringComparison.Ordinal);
        var problems = new List<KnowledgeProblem>();

        var entry = KnowledgeFileParser.Parse("why_crying/x.md", broken, problems);

        Assert.Null(entry);
        var problem = Assert.Single(problems);
        Assert.Equal("yaml", problem.Rule);
        Assert.InRange(problem.Line, 3, 4);
    }

    [Theory]
    [InlineData("topic: why_crying", "topic: bedtime_stories", "unknown-topic", 4)]
    [InlineData("perspective: neutral", "perspective: strict", "perspective", 6)]
    [InlineData("reviewed_on: 2026-11-22", "reviewed_on: last week", "reviewed-on", 8)]
    [InlineData("keywords: [LO, protest]", "keywords: [LO, protest]\ncolour: blue", "unknown-field", 10)]
    public void Field_mistakes_name_the_rule_and_line(string original, string replacement, string rule, int line)
    {
        var problems = new List<KnowledgeProblem>();

        KnowledgeFileParser.Parse("why_crying/crying-is-communication.md", Good.Replace(original, replacement, StringComparison.Ordinal), problems);

        var problem = Assert.Single(problems, p => p.Rule == rule);
        Assert.Equal(line, problem.Line);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
    }

    [Fact]
    public void Missing_required_field_is_an_error()
    {
        var problems = new List<KnowledgeProblem>();

        var entry = KnowledgeFileParser.Parse("x.md", Good.Replace("title: Crying is how babies talk\n", "", StringComparison.Ordinal), problems);

        Assert.Null(entry);
        Assert.Contains(problems, p => p.Rule == "missing-field" && p.Message.Contains("'title'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("no front matter at all")]
    [InlineData("---\nid: x\n")]
    [InlineData("")]
    public void Files_without_closed_front_matter_are_rejected(string text)
    {
        var problems = new List<KnowledgeProblem>();

        Assert.Null(KnowledgeFileParser.Parse("x.md", text, problems));
        Assert.Contains(problems, p => p.Rule == "front-matter" && p.Line == 1);
    }

    [Fact]
    public void Empty_body_is_an_error()
    {
        var problems = new List<KnowledgeProblem>();

        var entry = KnowledgeFileParser.Parse("x.md", Good[..(Good.IndexOf("First", StringComparison.Ordinal))], problems);

        Assert.Null(entry);
        Assert.Contains(problems, p => p.Rule == "empty");
    }
}

public class KnowledgeFileParserFieldTests
{
    private static string Entry(string extra, string topic = "why_crying") => $"""
        ---
        id: x
        title: A title
        topic: {topic}
        articles: [a.txt]
        perspective: neutral
        reviewed_by: Test
        reviewed_on: 2026-11-22
        {extra}
        ---
        Body.
        """;

    [Fact]
    public void Tier_belongs_only_on_professional_help_texts()
    {
        var problems = new List<KnowledgeProblem>();
        KnowledgeFileParser.Parse("x.md", Entry("tier: emergency"), problems);
        Assert.Contains(problems, p => p.Rule == "tier" && p.Line == 9);

        problems.Clear();
        var entry = KnowledgeFileParser.Parse("x.md", Entry("tier: emergency", topic: "professional_help"), problems);
        Assert.Empty(problems);
        Assert.Equal("emergency", entry!.Tier);
    }

    [Fact]
    public void A_broken_professional_help_text_is_never_served()
    {
        var problems = new List<KnowledgeProblem>();

        var entry = KnowledgeFileParser.Parse("x.md", Entry("tier: soon", topic: "professional_help"), problems);

        Assert.Null(entry);
        Assert.Contains(problems, p => p.Rule == "tier");
    }

    [Theory]
    [InlineData("keywords: just one string", "field-value")]
    [InlineData("ages: [4, 12]", "field-value")]
    [InlineData("title: again", "yaml")]
    public void Wrong_shapes_and_repeated_fields_are_errors(string extra, string rule)
    {
        var problems = new List<KnowledgeProblem>();

        KnowledgeFileParser.Parse("x.md", Entry(extra), problems);

        Assert.Contains(problems, p => p.Rule == rule && p.Severity == ProblemSeverity.Error);
    }

    [Fact]
    public void An_id_that_differs_from_the_file_name_is_a_warning()
    {
        var problems = new List<KnowledgeProblem>();

        var entry = KnowledgeFileParser.Parse("other-name.md", Entry(""), problems);

        Assert.NotNull(entry);
        var warning = Assert.Single(problems);
        Assert.Equal(("id-file-name", ProblemSeverity.Warning, 2), (warning.Rule, warning.Severity, warning.Line));
    }
}
