using SleepBot.Knowledge;
using SleepBot.Safety;
using SleepBot.Tests.TestSupport;
using Xunit.Abstractions;

namespace SleepBot.Core.Tests.Safety;

/// <summary>
/// The second reading trained on <c>knowledge/safety/examples</c>: what it may and may not do, on small made-up example
/// sets whose made-up words ("zorbling") no rule knows, and how it does on a held-back round it did not train on.
/// </summary>
public sealed class LearnedReadingTests(ITestOutputHelper output)
{
    private static readonly string[] Ordinary =
    [
        "day three of ferber and she still cries for twenty minutes at bedtime, is that normal",
        "how long should we wait before going in to check on him during sleep training tonight",
        "my seven month old protests every time I put him down awake, when does this get easier",
        "we started the chair method last week and naps are still short, any tips for the afternoon",
        "does leaving her to cry for ten minutes damage our bond, I keep reading different things online",
        "he wakes at five every morning since we dropped the night feed, what time should bedtime be",
        "my partner and I disagree about controlled crying, how do other couples decide together",
        "she cries when I leave the room at bedtime but settles within a few minutes, should I stay",
    ];

    private static readonly string[] Distress =
    [
        "she has been zorbling since lunch and I cannot get her to stop, sleep training tonight or not",
        "my son keeps zorbling every few minutes this evening and looks grey, do I carry on with ferber",
        "the baby started zorbling after his nap and it is getting worse, should we still do bedtime",
        "zorbling again all afternoon, he seems really strange with it, can we keep the routine going",
        "little one is zorbling on and off since this morning and will not settle, is this just protest",
        "daughter zorbled twice in the night and again now, she is not herself, what should I do about naps",
        "we noticed him zorbling badly after his bottle, worried but want to keep sleep training going",
        "she zorbles every time I lay her down now and it looks scary, is it the sleep training",
    ];

    [Fact]
    public void A_wording_no_rule_knows_is_raised_to_the_tier_its_examples_have()
    {
        var checker = new SafetyChecker(ShippedRules.Rules, LearnedReading.Train(Examples(SafetyTier.Emergency)));

        var verdict = checker.Check("my little boy has been zorbling since this afternoon, should we carry on with the bedtime routine tonight");

        Assert.Equal(SafetyTier.Emergency, verdict.Tier);
        Assert.Equal([SafetyCategory.Illness], verdict.Categories);
        var signal = Assert.Single(verdict.Signals);
        Assert.StartsWith("reads like messages labelled emergency", signal, StringComparison.Ordinal);
        Assert.Contains("closest example d", signal, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ordinary_question_stays_clear()
    {
        var checker = new SafetyChecker(ShippedRules.Rules, LearnedReading.Train(Examples(SafetyTier.Emergency)));

        Assert.Equal(SafetyVerdict.Clear, checker.Check("we are on night four of ferber and he still cries for half an hour, is that normal"));
    }

    [Fact]
    public void It_never_lowers_a_tier_the_rules_gave()
    {
        // Examples that call a floppy baby ordinary must not stop the rules from calling it an emergency.
        var wrong = Ordinary.Select((text, i) => new LabelledExample($"n{i}", text + ", she is floppy", SafetyTier.None, []))
            .Concat(Examples(SafetyTier.Doctor))
            .ToList();
        var checker = new SafetyChecker(ShippedRules.Rules, LearnedReading.Train(wrong));

        Assert.Equal(SafetyTier.Emergency, checker.Check("day three of ferber and she still cries, she is floppy").Tier);
    }

    [Fact]
    public void A_sign_the_rules_cleared_stays_cleared()
    {
        // The rules read "no fever" and a past fever and cleared them; the learned reading must not take that back.
        var feverish = Distress.Select((text, i) => new LabelledExample($"d{i}", text.Replace("zorbl", "fever ", StringComparison.Ordinal), SafetyTier.Urgent, [SafetyCategory.Illness]));
        var examples = Ordinary.Select((text, i) => new LabelledExample($"n{i}", text, SafetyTier.None, [])).Concat(feverish).ToList();
        var checker = new SafetyChecker(ShippedRules.Rules, LearnedReading.Train(examples));

        Assert.Equal(SafetyTier.None, checker.Check("she had a fever last month but she is fine now, how long should ferber take").Tier);
        Assert.Equal(SafetyTier.None, checker.Check("no fever at all, she just cries at bedtime when we leave, is that normal").Tier);
    }

    [Fact]
    public void A_short_message_is_left_to_the_rules()
    {
        var checker = new SafetyChecker(ShippedRules.Rules, LearnedReading.Train(Examples(SafetyTier.Emergency)));

        Assert.True(LearnedReading.MinimumWords > "he is zorbling again".Split(' ').Length);
        Assert.Equal(SafetyVerdict.Clear, checker.Check("he is zorbling again"));
    }

    [Fact]
    public void A_negated_word_is_a_different_feature()
    {
        var plain = Features("he is zorbling tonight");
        var negated = Features("he is not zorbling tonight");
        var afterClause = Features("he is not tired, zorbling tonight");

        var zorbling = NgramFeatures.WordsOf(MessageText.Parse("zorbling"));
        Assert.Contains(zorbling[0], plain);
        Assert.DoesNotContain(zorbling[0], negated);
        Assert.Contains(zorbling[0], afterClause);
    }

    [Fact]
    public void The_same_examples_always_give_the_same_reading()
    {
        var message = MessageText.Parse("the baby has been zorbling a little since tea time, is the routine still fine tonight");

        var first = LearnedReading.Train(Examples(SafetyTier.Urgent))!.Read(message);
        var second = LearnedReading.Train(Examples(SafetyTier.Urgent))!.Read(message);

        Assert.Equal(first.Tier, second.Tier);
        Assert.Equal(first.Signals, second.Signals);
    }

    [Fact]
    public void Without_both_ordinary_and_distress_examples_there_is_nothing_to_learn()
    {
        Assert.Null(LearnedReading.Train([]));
        Assert.Null(LearnedReading.Train([.. Examples(SafetyTier.Urgent).Where(e => e.Tier == SafetyTier.None)]));
        Assert.Null(LearnedReading.Train([.. Examples(SafetyTier.Urgent).Where(e => e.Tier != SafetyTier.None)]));
    }

    /// <summary>
    /// The reading trained without a held-back round, on that round alone: the distress it finds there by itself and
    /// the ordinary messages it raises. The round's first run with the rules is in docs/safety-first-runs.
    /// </summary>
    [Theory]
    [InlineData("r13")]
    [InlineData("r14")]
    [InlineData("r15")]
    [InlineData("r16")]
    [InlineData("r17")]
    [InlineData("r18")]
    public void A_round_it_did_not_train_on(string round)
    {
        var heldBack = ShippedRules.Examples.Where(e => e.Id.StartsWith(round, StringComparison.Ordinal)).ToList();
        var reading = LearnedReading.Train([.. ShippedRules.Examples.Except(heldBack)])!;

        var raised = heldBack.Select(e => (Example: e, Tier: reading.Read(MessageText.Parse(e.Text)).Tier)).ToList();
        var distress = raised.Where(r => r.Example.Tier != SafetyTier.None).ToList();
        var ordinary = raised.Where(r => r.Example.Tier == SafetyTier.None).ToList();
        var crisis = distress.Where(r => r.Example.Tier == SafetyTier.Crisis).ToList();
        var found = distress.Count(r => r.Tier != SafetyTier.None) / (double)distress.Count;
        var crisisFound = crisis.Count(r => r.Tier != SafetyTier.None) / (double)crisis.Count;
        var falseAlarms = ordinary.Count(r => r.Tier != SafetyTier.None) / (double)ordinary.Count;

        output.WriteLine($"{round}: learned reading alone finds {found:P1} of {distress.Count} distress messages ({crisisFound:P1} of {crisis.Count} crisis), raises {falseAlarms:P1} of {ordinary.Count} ordinary ones");
        Assert.InRange(heldBack.Count, 100, 1000);
        Assert.True(found >= 0.5, $"found {found:P1}");
        Assert.True(crisisFound >= 0.7, $"crisis found {crisisFound:P1}");
        Assert.True(falseAlarms <= 0.05, $"false alarms {falseAlarms:P1}");
    }

    [Fact]
    public void The_knowledge_folder_trains_once_and_again_only_when_an_example_file_changes()
    {
        using var folder = TempKnowledgeFolder.CopyOfShipped();
        var knowledge = new KnowledgeFolder(folder.Path);
        var first = knowledge.Load(DateTimeOffset.UnixEpoch).Safety.Learned;
        var entry = Directory.EnumerateFiles(Path.Combine(folder.Path, "check_ins"), "*.md").First();
        File.AppendAllText(entry, "\nOne more sentence.\n");

        var afterEntryEdit = knowledge.Load(DateTimeOffset.UnixEpoch).Safety.Learned;
        File.AppendAllText(Path.Combine(folder.Path, KnowledgeFolder.ExamplesFolder, "messages.jsonl"),
            """{"id": "x1", "text": "she keeps zorbling and I am scared", "tier": "urgent", "categories": ["illness"]}""" + "\n");
        var afterExampleEdit = knowledge.Load(DateTimeOffset.UnixEpoch).Safety.Learned;

        Assert.NotNull(first);
        Assert.Same(first, afterEntryEdit);
        Assert.NotSame(first, afterExampleEdit);
        Assert.Equal(first.ExampleCount + 1, afterExampleEdit!.ExampleCount);
    }

    [Fact]
    public void A_broken_example_line_is_reported_and_the_rest_still_train()
    {
        using var folder = TempKnowledgeFolder.Empty();
        var lines = Examples(SafetyTier.Urgent).Select(e => $$"""{"id": "{{e.Id}}", "text": "{{e.Text}}", "tier": "{{e.Tier.ToString().ToLowerInvariant()}}", "categories": [{{string.Join(", ", e.Categories.Select(c => "\"illness\""))}}]}""");
        folder.Write(KnowledgeFolder.ExamplesFolder + "/mine.jsonl", string.Join("\n", lines.Prepend("""{"id": "bad", "text": "no tier here"}""")));

        var snapshot = new KnowledgeFolder(folder.Path).Load(DateTimeOffset.UnixEpoch);

        var problem = Assert.Single(snapshot.Problems, p => p.File == "safety/examples/mine.jsonl");
        Assert.Equal(1, problem.Line);
        Assert.Equal("example", problem.Rule);
        Assert.Equal(Ordinary.Length + Distress.Length, snapshot.Safety.Learned!.ExampleCount);
    }

    private static int[] Features(string message) => NgramFeatures.Of(MessageText.Parse(message), LearnedReading.MaximumWords);

    private static List<LabelledExample> Examples(SafetyTier distressTier) =>
    [
        .. Ordinary.Select((text, i) => new LabelledExample($"n{i}", text, SafetyTier.None, [])),
        .. Distress.Select((text, i) => new LabelledExample($"d{i}", text, distressTier, [SafetyCategory.Illness])),
    ];
}
