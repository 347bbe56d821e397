using SleepBot.Answering;
using SleepBot.Safety;
using Xunit.Sdk;

namespace SleepBot.Core.Tests.Fuzz;

/// <summary>The fuzz checks catch what they are meant to catch.</summary>
public sealed class SendableTests
{
    [Theory]
    [InlineData("Ask @everyone")]
    [InlineData("hi @HERE")]
    [InlineData("thanks <@123456>")]
    [InlineData("thanks <@!123456>")]
    [InlineData("role <@&42>")]
    public void A_reply_that_pings_someone_fails(string answer) =>
        Assert.Throws<FalseException>(() => Sendable.Assert(Reply(answer)));

    [Fact]
    public void A_reply_over_the_discord_limit_fails() =>
        Assert.Throws<TrueException>(() => Sendable.Assert(Reply(new string('a', ReplyText.MaxLength + 1))));

    [Fact]
    public void A_reply_at_the_discord_limit_passes() =>
        Sendable.Assert(Reply(new string('a', ReplyText.MaxLength)));

    private static BotReply Reply(string answer) =>
        new() { Route = AnswerRoute.Answer, Answer = answer, Safety = SafetyVerdict.Clear, Sources = [] };
}
