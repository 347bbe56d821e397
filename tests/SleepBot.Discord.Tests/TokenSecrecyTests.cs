using Microsoft.Extensions.Logging;
using SleepBot.Discord.Models;
using SleepBot.Testing.Discord;

namespace SleepBot.Discord.Tests;

public sealed class TokenSecrecyTests
{
    [Fact]
    public async Task The_token_appears_in_no_log_record_or_exception()
    {
        await using var h = await DiscordHarness.StartAsync();
        var ready = await h.ConnectAsync();
        await h.Simulator.SendUserMessageAsync(1, "my baby cries @everyone");
        await h.NextEventAsync();
        h.Simulator.AddFault(RestFault.RateLimit("POST /channels/*/messages", 1));
        await h.AdvanceUntilDoneAsync(h.Client.CreateMessageAsync(1, new MessageCreate("answer"), CancellationToken.None));
        await h.Simulator.SendReconnectAsync();
        await h.Simulator.WaitForResumedAsync();
        var exceptions = new List<Exception>
        {
            await Assert.ThrowsAsync<DiscordHttpException>(() => h.Client.EditMessageAsync(1, 5, new MessageEdit { Content = "x" }, CancellationToken.None)),
        };
        await h.Simulator.CloseConnectionAsync(4004);
        exceptions.Add(await Assert.ThrowsAsync<DiscordFatalException>(() => h.Run!.WaitAsync(TimeSpan.FromSeconds(10))));

        var records = h.Logs.GetSnapshot();
        Assert.NotEmpty(records);
        Assert.Contains(records, r => r.Level == LogLevel.Trace);
        Assert.All(records, r =>
        {
            Assert.DoesNotContain(h.Simulator.Token, r.Message);
            Assert.DoesNotContain(h.Simulator.Token, r.Exception?.ToString() ?? "");
            Assert.DoesNotContain(h.Simulator.Token, string.Join(";", r.StructuredState ?? []));
        });
        Assert.All(exceptions, e => Assert.DoesNotContain(h.Simulator.Token, e.ToString()));
        Assert.DoesNotContain(h.Simulator.Token, ready.ToString());
    }

    [Fact]
    public async Task Message_text_is_never_logged_above_debug()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        await h.Simulator.SendUserMessageAsync(1, "private question about my baby");
        await h.NextEventAsync();
        await h.Client.CreateMessageAsync(1, new MessageCreate("private answer"), CancellationToken.None);

        Assert.All(h.Logs.GetSnapshot().Where(r => r.Level > LogLevel.Debug), r =>
        {
            Assert.DoesNotContain("private", r.Message);
            Assert.DoesNotContain("private", string.Join(";", r.StructuredState ?? []));
        });
    }
}
