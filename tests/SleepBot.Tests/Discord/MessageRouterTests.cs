using SleepBot.Discord;
using SleepBot.Discord.Models;

namespace SleepBot.Tests.Discord;

public sealed class MessageRouterTests
{
    private const ulong Bot = 1, Help = 10, General = 20, Thread = 30, Guild = 100;
    private static readonly ulong[] HelpChannels = [Help];

    [Theory]
    [InlineData(Help, false, false, nameof(ReplyPlacement.NewThread))]
    [InlineData(Thread, true, false, nameof(ReplyPlacement.InThread))]
    [InlineData(General, false, true, nameof(ReplyPlacement.Reply))]
    [InlineData(General, false, false, nameof(ReplyPlacement.Ignore))]
    public void Places_guild_messages(ulong channel, bool inHelpThread, bool mentionsBot, string expected)
    {
        var message = Message(channel, "why does she cry?") with { Mentions = mentionsBot ? [new DiscordUser { Id = Bot }] : [] };

        Assert.Equal(Enum.Parse<ReplyPlacement>(expected), MessageRouter.Place(message, Bot, HelpChannels, inHelpThread));
    }

    [Fact]
    public void Answers_direct_messages_as_replies() =>
        Assert.Equal(ReplyPlacement.Reply, MessageRouter.Place(Message(General, "hi there") with { GuildId = null }, Bot, HelpChannels, false));

    [Theory]
    [InlineData(true, 50UL, null, 0)]
    [InlineData(false, Bot, null, 0)]
    [InlineData(false, 50UL, 999UL, 0)]
    [InlineData(false, 50UL, null, 7)]
    public void Ignores_bots_itself_webhooks_and_system_messages(bool authorIsBot, ulong authorId, ulong? webhookId, int type)
    {
        var message = Message(Help, "why does she cry?") with
        {
            Author = new DiscordUser { Id = authorId, Bot = authorIsBot },
            WebhookId = webhookId,
            Type = type,
        };

        Assert.Equal(ReplyPlacement.Ignore, MessageRouter.Place(message, Bot, HelpChannels, false));
    }

    [Fact]
    public void A_bare_mention_is_not_a_question() =>
        Assert.Equal(ReplyPlacement.Ignore, MessageRouter.Place(
            Message(General, "<@1>") with { Mentions = [new DiscordUser { Id = Bot }] }, Bot, HelpChannels, false));

    [Fact]
    public void Question_text_drops_only_the_bots_mention() =>
        Assert.Equal("ask <@2> about naps", MessageRouter.QuestionText("<@!1> ask <@2> about naps <@1>", Bot));

    [Fact]
    public void Thread_names_are_the_first_line_within_the_limit()
    {
        var name = MessageRouter.ThreadName(string.Join(' ', Enumerable.Repeat("crying", 40)) + "\nsecond line");

        Assert.InRange(name.Length, 1, 80);
        Assert.DoesNotContain("second", name);
        Assert.Equal("Your question", MessageRouter.ThreadName("\n"));
    }

    [Fact]
    public void Recent_ids_remember_a_bounded_number()
    {
        var ids = new RecentIds(capacity: 2);

        Assert.True(ids.TryAdd(1));
        Assert.False(ids.TryAdd(1));
        Assert.True(ids.TryAdd(2));
        Assert.True(ids.TryAdd(3));
        Assert.True(ids.TryAdd(1));
    }

    [Fact]
    public void The_rate_limit_notifies_once_per_flood_and_per_user()
    {
        using var limiter = new QuestionRateLimiter();

        var flood = Enumerable.Range(0, QuestionRateLimiter.Burst + 3).Select(_ => limiter.Check(7)).ToList();

        Assert.All(flood.Take(QuestionRateLimiter.Burst), d => Assert.Equal(RateDecision.Answer, d));
        Assert.Equal([RateDecision.Notify, RateDecision.Drop, RateDecision.Drop], flood.Skip(QuestionRateLimiter.Burst));
        Assert.Equal(RateDecision.Answer, limiter.Check(8));
    }

    private static DiscordMessage Message(ulong channel, string content) => new()
    {
        Id = 500,
        ChannelId = channel,
        GuildId = Guild,
        Author = new DiscordUser { Id = 50 },
        Content = content,
    };
}
