using SleepBot.Discord.Models;

namespace SleepBot.Discord.Tests;

/// <summary>The simulator also carries the bot's load test, so a thousand messages must pass quickly and intact.</summary>
public sealed class SimulatorThroughputTests
{
    [Fact]
    public async Task A_thousand_messages_flow_through_the_gateway_and_back_over_rest()
    {
        const int count = 1000;
        await using var h = await DiscordHarness.StartAsync();
        h.Simulator.EchoBotMessages = false;
        await h.ConnectAsync();

        var injecting = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
                await h.Simulator.SendUserMessageAsync((ulong)(100 + i % 50), $"question {i}");
        });
        var replies = new List<Task>();
        while (replies.Count < count)
        {
            var message = Assert.IsType<MessageCreatedEvent>(await h.NextEventAsync()).Message;
            replies.Add(h.Client.CreateMessageAsync(message.ChannelId, new MessageCreate("answer") { ReplyToMessageId = message.Id }, CancellationToken.None));
        }
        await injecting;
        await Task.WhenAll(replies).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(count, h.Simulator.BotMessages.Count);
        Assert.Equal(count, h.Simulator.BotMessages.Select(m => m.ReplyToMessageId).Distinct().Count());
        Assert.Empty(h.Simulator.LimitViolations);
    }
}
