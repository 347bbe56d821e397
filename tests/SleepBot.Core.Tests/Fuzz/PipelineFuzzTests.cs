using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SleepBot.Answering;

namespace SleepBot.Core.Tests.Fuzz;

/// <summary>Whatever a parent sends, the pipeline answers with something Discord may show: no crash, no ping, no overflow.</summary>
public sealed class PipelineFuzzTests(ShippedPipeline bot) : IClassFixture<ShippedPipeline>
{
    [Property(MaxTest = 500)]
    public Property Random_unicode_gets_a_sendable_reply() =>
        Prop.ForAll(FuzzMessages.Any, text => Sendable.Assert(bot.Answer(new Question(text))));

    [Property(MaxTest = 25)]
    public Property Huge_messages_get_a_sendable_reply() =>
        Prop.ForAll(FuzzMessages.Huge, text =>
        {
            Assert.Equal(FuzzMessages.HugeLength, text.Length);
            Sendable.Assert(bot.Answer(new Question(text)));
        });

    [Property(MaxTest = 200)]
    public Property Short_follow_ups_get_a_sendable_reply() =>
        Prop.ForAll(FuzzMessages.FollowUps, pair => Sendable.Assert(bot.Answer(new Question(pair.FollowUp)
        {
            History = [new ConversationTurn(FromBot: false, pair.Earlier), new ConversationTurn(FromBot: true, "an earlier reply")],
        })));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\r\n\t")]
    [InlineData("\u200B\u200D\uFEFF")]
    [InlineData("\uD800")]
    [InlineData("@everyone")]
    [InlineData("<@&123> why does my baby cry at bedtime? @here")]
    public void Empty_blank_and_mention_only_messages_get_a_sendable_reply(string text) =>
        Sendable.Assert(bot.Answer(new Question(text)));

    [Fact]
    public void A_real_question_is_answered_from_the_knowledge()
    {
        var reply = bot.Answer(new Question("why does my baby cry so much when I put her down awake?"));

        Assert.Equal(AnswerRoute.Answer, reply.Route);
        Assert.NotEmpty(reply.Sources);
        Sendable.Assert(reply);
    }
}
