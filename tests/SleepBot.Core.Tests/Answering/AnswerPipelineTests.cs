using Microsoft.Extensions.DependencyInjection;
using SleepBot.Answering;
using SleepBot.Core.Tests.Safety;
using SleepBot.Evaluation;
using SleepBot.Knowledge;
using SleepBot.Safety;
using SleepBot.Tests.TestSupport;

namespace SleepBot.Tests.Answering;

public class AnswerPipelineTests
{
    [Fact]
    public async Task A_sleep_training_question_is_answered_from_the_knowledge_with_sources()
    {
        using var services = TestServices.Build(RepoPaths.Knowledge);
        var pipeline = services.GetRequiredService<AnswerPipeline>();

        var reply = await pipeline.AnswerAsync(new Question("my 7mo screams for 20 min when I put her down awake, is that normal?"), default);

        Assert.Equal(AnswerRoute.Answer, reply.Route);
        Assert.False(reply.Flagged);
        Assert.NotEmpty(reply.Sources);
        Assert.InRange(reply.Answer.Length, 100, ReplyText.MaxLength);
        Assert.Contains("Sources: ", reply.Answer, StringComparison.Ordinal);
        var knowledge = services.GetRequiredService<KnowledgeStore>().Current;
        var top = knowledge.Entries.Single(e => e.Id == reply.Sources[0].Id);
        Assert.Contains(top.Paragraphs[0], reply.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_message_gives_the_same_reply()
    {
        using var services = TestServices.Build(RepoPaths.Knowledge);
        var pipeline = services.GetRequiredService<AnswerPipeline>();

        var first = await pipeline.AnswerAsync(new Question("should i go in when he cries during ferber?"), default);
        var second = await pipeline.AnswerAsync(new Question("should i go in when he cries during ferber?"), default);

        Assert.Equal(first.Answer, second.Answer);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public async Task An_off_topic_message_gets_an_honest_no_match_and_is_logged_for_the_consultant()
    {
        using var services = TestServices.Build(RepoPaths.Knowledge);
        var pipeline = services.GetRequiredService<AnswerPipeline>();

        var reply = await pipeline.AnswerAsync(new Question("what's the best pizza in Rome?"), default);

        Assert.Equal(AnswerRoute.NoMatch, reply.Route);
        Assert.Empty(reply.Sources);
        Assert.Contains("I don't have anything in my guide", reply.Answer, StringComparison.Ordinal);
        Assert.All(KnowledgeTopics.All, t => Assert.Contains(t.HelpsWith, reply.Answer, StringComparison.Ordinal));
        var gaps = await services.GetRequiredService<SqliteCoverageLog>().ReportAsync(default);
        Assert.Equal("what's the best pizza in Rome?", Assert.Single(gaps).Example);
    }

    [Fact]
    public async Task Rehearsals_leave_no_trace_for_the_consultant()
    {
        using var services = TestServices.Build(RepoPaths.Knowledge);

        await services.GetRequiredService<AnswerPipeline>().AnswerAsync(new Question("best pizza in Rome?") { Rehearsal = true }, default);

        Assert.Empty(await services.GetRequiredService<SqliteCoverageLog>().ReportAsync(default));
    }

    [Fact]
    public async Task A_short_follow_up_is_searched_with_the_previous_question()
    {
        using var services = TestServices.Build(RepoPaths.Knowledge);
        var pipeline = services.GetRequiredService<AnswerPipeline>();
        var question = new Question("and at naps?")
        {
            History = [new(false, "how long does the crying last with ferber at bedtime"), new(true, "…")],
        };

        var reply = await pipeline.AnswerAsync(question, default);

        Assert.Equal(AnswerRoute.Answer, reply.Route);
    }

    [Fact]
    public void Ordinary_sleep_training_questions_are_almost_never_routed_to_professional_help()
    {
        var knowledge = new KnowledgeFolder(RepoPaths.Knowledge).Load(DateTimeOffset.UnixEpoch);
        var rulesOnly = new SafetyChecker(ShippedRules.Rules);
        var questions = LabelledQuestion.Load(RepoPaths.TestData("retrieval-questions.jsonl"))
            .Concat(LabelledQuestion.Load(RepoPaths.TestData("off-topic-questions.jsonl")))
            .ToList();

        var flaggedByRules = questions.Where(q => rulesOnly.Check(q.Text).Distress).Select(q => q.Text);
        var flagged = questions.Where(q => knowledge.Safety.Check(q.Text).Distress).Select(q => q.Text).ToList();

        Assert.Empty(flaggedByRules);
        // The learned reading trades a rare false alarm for distress wordings the rules miss (docs/safety-evaluation.md);
        // none of these questions is among its examples.
        Assert.NotNull(knowledge.Safety.Learned);
        Assert.True(flagged.Count <= questions.Count / 100, $"{flagged.Count} of {questions.Count}: {string.Join(" | ", flagged)}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5000)]
    public void Assembled_replies_never_exceed_the_discord_limit(int extraParagraphLength)
    {
        string[] paragraphs = ["**Title**\nFirst answer.", new string('a', extraParagraphLength), "Third."];

        var text = ReplyText.Assemble(paragraphs, "Sources: “Title” (from: Article)");

        Assert.True(text.Length <= ReplyText.MaxLength);
        Assert.StartsWith("**Title**\nFirst answer.", text, StringComparison.Ordinal);
        Assert.EndsWith("Sources: “Title” (from: Article)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncation_never_splits_a_surrogate_pair()
    {
        var text = new string('a', 9) + "😀" + new string('b', 20);

        var cut = ReplyText.Truncate(text, 11);

        Assert.True(cut.Length <= 11);
        Assert.False(char.IsHighSurrogate(cut[^2]) && cut[^1] == '…');
    }
}

public class AnswerPipelineFlagFailureTests
{
    [Fact]
    public async Task A_flag_store_failure_still_sends_the_professional_help_reply_unflagged()
    {
        using var services = TestServices.Build(RepoPaths.Knowledge, configure: s => s.AddSingleton<SleepBot.Moderation.IFlagSink, FailingFlagSink>());
        var pipeline = services.GetRequiredService<AnswerPipeline>();

        var reply = await pipeline.AnswerAsync(new Question("my 5 week old has a temp of 38.5 and is floppy"), default);

        Assert.Equal(AnswerRoute.ProfessionalHelp, reply.Route);
        Assert.False(reply.Flagged);
        Assert.Contains("999", reply.Answer, StringComparison.Ordinal);
    }

    private sealed class FailingFlagSink : SleepBot.Moderation.IFlagSink
    {
        public Task FlagAsync(SleepBot.Moderation.FlaggedReply flag, CancellationToken cancellationToken) =>
            throw new IOException("disk full");
    }
}
