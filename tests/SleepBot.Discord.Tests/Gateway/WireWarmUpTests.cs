using Microsoft.Extensions.Logging;
using SleepBot.Discord.Models;

namespace SleepBot.Discord.Tests.Gateway;

public sealed class WireWarmUpTests
{
    [Fact]
    public void The_sample_reads_as_a_message_with_every_part_the_bot_uses()
    {
        var dispatch = WireWarmUp.ReadSampleMessage();

        Assert.Null(dispatch.Problem);
        var message = Assert.IsType<MessageCreatedEvent>(dispatch.Event).Message;
        Assert.NotNull(message.GuildId);
        Assert.NotEqual(0UL, message.Author.Id);
        Assert.NotNull(message.Member);
        Assert.NotEmpty(message.Content);
        Assert.NotEmpty(message.Mentions);
        Assert.NotEmpty(message.MentionRoles);
        Assert.NotNull(message.MessageReference?.MessageId);
    }

    [Fact]
    public async Task Warms_up_before_the_gateway_lookup_and_sends_nothing()
    {
        await using var h = await DiscordHarness.StartAsync();

        await h.ConnectAsync();

        var logs = h.Logs.GetSnapshot().ToList();
        var warmedUp = logs.FindIndex(r => r.Level == LogLevel.Debug && r.Message.StartsWith("Read a sample message and wrote a sample answer", StringComparison.Ordinal));
        var lookedUp = logs.FindIndex(r => r.Message == "Discord answered 200 to GET /gateway/bot");
        Assert.InRange(warmedUp, 0, lookedUp - 1);
        Assert.DoesNotContain(logs, r => r.Level >= LogLevel.Warning);
        Assert.Equal(["GET /gateway/bot"], h.Simulator.Requests.Select(r => $"{r.Method} {r.Path}"));
    }
}
