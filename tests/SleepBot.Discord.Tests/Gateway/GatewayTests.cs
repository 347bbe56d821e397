using SleepBot.Discord.Models;
using SleepBot.Testing.Discord;

namespace SleepBot.Discord.Tests.Gateway;

public sealed class GatewayTests
{
    private const int Hello = 10, Heartbeat = 1, Identify = 2, Resume = 6;

    [Fact]
    public async Task Connects_with_the_gateway_bot_url_identifies_and_reports_ready()
    {
        await using var h = await DiscordHarness.StartAsync();

        var ready = await h.ConnectAsync();

        Assert.Equal(h.Simulator.BotUserId, ready.User.Id);
        Assert.Equal(h.Simulator.ApplicationId, ready.ApplicationId);
        Assert.Contains(h.Simulator.Requests, r => r.Method == "GET" && r.Path == "/gateway/bot");
        var connection = Assert.Single(h.Simulator.Connections);
        Assert.Equal("/gateway", connection.Path);
        Assert.Equal("?v=10&encoding=json", connection.Query);
        var identify = Assert.Single(h.Simulator.ClientFrames(Identify)).Data!;
        Assert.Equal(h.Simulator.Token, identify["token"]!.GetValue<string>());
        Assert.Equal(37377, identify["intents"]!.GetValue<int>());
        Assert.NotNull(identify["properties"]!["os"]);
        // READY spans several WebSocket frames in the simulator; the client must have read it whole.
        Assert.True(h.Simulator.Frames.Single(f => f.EventName == "READY").Json.Length > 1024);
    }

    [Fact]
    public async Task Delivers_messages_and_interactions_as_events()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();

        var sent = await h.Simulator.SendUserMessageAsync(42, "hello <@1>", mentionUserIds: [h.Simulator.BotUserId]);
        var command = await h.Simulator.SendSlashCommandAsync("ask", new Dictionary<string, string> { ["question"] = "why?" }, channelId: 42);

        var message = Assert.IsType<MessageCreatedEvent>(await h.NextEventAsync()).Message;
        Assert.Equal(sent.Id, message.Id);
        Assert.Equal(42UL, message.ChannelId);
        Assert.Equal(h.Simulator.GuildId, message.GuildId);
        Assert.Equal("hello <@1>", message.Content);
        Assert.Equal(h.Simulator.BotUserId, Assert.Single(message.Mentions).Id);
        var interaction = Assert.IsType<InteractionCreatedEvent>(await h.NextEventAsync()).Interaction;
        Assert.Equal(command.Id, interaction.Id);
        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("ask", interaction.Data!.Name);
        Assert.Equal("why?", interaction.GetStringOption("question"));
        Assert.Equal(command.UserId, interaction.Invoker!.Id);
        Assert.DoesNotContain(command.Token, interaction.ToString());
    }

    [Fact]
    public async Task Heartbeats_send_null_before_any_dispatch()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Simulator.SendReady = false;
        h.StartClient();
        await h.Simulator.WaitUntilAsync(s => s.ClientFrames(Identify).Any(), "Identify");

        await h.AdvanceUntilAsync(() => h.Simulator.ClientFrames(Heartbeat).Any(), "first heartbeat");

        Assert.Null(h.Simulator.ClientFrames(Heartbeat).First().Data);
    }

    [Fact]
    public async Task Heartbeats_within_the_first_interval_then_every_interval_with_the_last_sequence()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        await h.Simulator.SendUserMessageAsync(1, "a");
        await h.Simulator.SendUserMessageAsync(1, "b");
        await h.NextEventAsync();
        await h.NextEventAsync();
        var interval = TimeSpan.FromMilliseconds(h.Simulator.HeartbeatIntervalMs);
        int Beats() => h.Simulator.ClientFrames(Heartbeat).Count();

        // The first beat comes at a random point within the first interval.
        h.Time.Advance(interval);
        await h.Simulator.WaitUntilAsync(_ => Beats() == 1, "the first heartbeat");
        // Not before a whole interval has passed (Discord.Net beats at 0.9×): a second before it is due, a
        // round trip through the client shows no beat was sent.
        h.Time.Advance(interval - TimeSpan.FromSeconds(1));
        await h.Simulator.SendUserMessageAsync(1, "c");
        await h.NextEventAsync();
        Assert.Equal(1, Beats());
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.Simulator.WaitUntilAsync(_ => Beats() == 2, "the second heartbeat");

        // READY was 1, the messages 2, 3 and 4.
        Assert.Equal([3, 4], h.Simulator.ClientFrames(Heartbeat).Select(b => b.Data!.GetValue<int>()));
        Assert.Empty(h.Simulator.LimitViolations);
    }

    [Fact]
    public async Task Heartbeats_at_once_when_the_server_asks()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();

        await h.Simulator.RequestHeartbeatAsync();

        await h.Simulator.WaitUntilAsync(s => s.ClientFrames(Heartbeat).Any(), "heartbeat on op 1");
        Assert.Equal(1, h.Simulator.ClientFrames(Heartbeat).First().Data!.GetValue<int>());
    }

    [Fact]
    public async Task Reconnect_request_closes_with_4000_and_resumes_with_missed_events_delivered_once()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        await h.Simulator.SendUserMessageAsync(7, "before");
        await h.NextEventAsync();
        h.Simulator.HoldNewConnections();

        await h.Simulator.SendReconnectAsync();
        await h.Simulator.WaitUntilAsync(s => s.Connections.Count == 2 && !s.Connections[0].IsOpen, "the client to reconnect");
        var missed1 = await h.Simulator.SendUserMessageAsync(7, "missed 1");
        var missed2 = await h.Simulator.SendUserMessageAsync(7, "missed 2");
        h.Simulator.ReleaseNewConnections();
        await h.Simulator.WaitForResumedAsync();
        var after = await h.Simulator.SendUserMessageAsync(7, "after");

        Assert.Equal([missed1.Id, missed2.Id, after.Id], await ReadMessageIdsAsync(h, 3));
        var connections = h.Simulator.Connections;
        Assert.Equal(4000, connections[0].ClientCloseCode);
        Assert.Equal("/gateway-resume", connections[1].Path);
        Assert.Equal("?v=10&encoding=json", connections[1].Query);
        var resume = Assert.Single(h.Simulator.ClientFrames(Resume)).Data!;
        Assert.Equal(h.Simulator.Token, resume["token"]!.GetValue<string>());
        Assert.Equal(2, resume["seq"]!.GetValue<int>());
        Assert.NotNull(resume["session_id"]);
        Assert.Single(h.Simulator.ClientFrames(Identify));
    }

    [Fact]
    public async Task Dropped_connection_resumes_and_replays_missed_events_once()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        h.Simulator.HoldNewConnections();

        h.Simulator.DropConnection();
        await h.Simulator.WaitUntilAsync(s => s.Connections.Count == 2, "the client to reconnect");
        var missed = await h.Simulator.SendUserMessageAsync(7, "missed");
        h.Simulator.ReleaseNewConnections();
        await h.Simulator.WaitForResumedAsync();
        var after = await h.Simulator.SendUserMessageAsync(7, "after");

        Assert.Equal([missed.Id, after.Id], await ReadMessageIdsAsync(h, 2));
        Assert.Null(h.Simulator.Connections[0].ClientCloseCode);
        Assert.Equal(1, h.Simulator.ClientFrames(Resume).Single().Data!["seq"]!.GetValue<int>());
        Assert.Single(h.Simulator.ClientFrames(Identify));
    }

    [Fact]
    public async Task Missing_heartbeat_ack_closes_with_4000_and_resumes()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        h.Simulator.AcknowledgeHeartbeats = false;

        await h.AdvanceUntilAsync(() => h.Simulator.Connections[0].ClientCloseCode is not null, "the client to close the zombie", tick: TimeSpan.FromSeconds(1));
        h.Simulator.AcknowledgeHeartbeats = true;
        await h.Simulator.WaitForResumedAsync();

        Assert.Equal(4000, h.Simulator.Connections[0].ClientCloseCode);
        // The beat that found the previous one unacknowledged closed the connection instead of beating.
        Assert.Single(h.Simulator.ClientFrames(Heartbeat), f => f.ConnectionId == 1);
        Assert.Equal("/gateway-resume", h.Simulator.Connections[1].Path);
        Assert.Single(h.Simulator.ClientFrames(Identify));
    }

    [Fact]
    public async Task Resumable_invalid_session_resumes()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();

        await h.Simulator.SendInvalidSessionAsync(resumable: true);

        await h.Simulator.WaitForResumedAsync();
        Assert.Single(h.Simulator.ClientFrames(Identify));
    }

    [Fact]
    public async Task Invalid_session_identifies_again_on_the_gateway_url_after_a_wait()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();

        await h.Simulator.SendInvalidSessionAsync(resumable: false);
        var invalidatedAt = h.Time.GetUtcNow();
        await h.AdvanceUntilAsync(() => h.Simulator.ClientFrames(Identify).Count() == 2, "a second Identify");
        await h.Simulator.WaitForReadyAsync(2);

        var identify = h.Simulator.ClientFrames(Identify).Last();
        Assert.True(identify.At - invalidatedAt >= TimeSpan.FromSeconds(1), "Identify must wait at least 1 s after op 9");
        Assert.Equal("/gateway", h.Simulator.Connections[identify.ConnectionId - 1].Path);
        Assert.Empty(h.Simulator.ClientFrames(Resume));
        Assert.IsType<ReadyEvent>(await h.NextEventAsync());
    }

    [Theory]
    [InlineData(4007)]
    [InlineData(4009)]
    public async Task Session_ending_close_codes_identify_again(int code)
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();

        await h.Simulator.CloseConnectionAsync(code);
        await h.AdvanceUntilAsync(() => h.Simulator.ClientFrames(Identify).Count() == 2, "a second Identify");

        Assert.Empty(h.Simulator.ClientFrames(Resume));
        Assert.Equal("/gateway", h.Simulator.Connections[^1].Path);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4008)]
    public async Task Resumable_close_codes_resume(int code)
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();

        await h.Simulator.CloseConnectionAsync(code);

        await h.Simulator.WaitForResumedAsync();
        Assert.Single(h.Simulator.ClientFrames(Identify));
    }

    [Fact]
    public async Task Bad_token_close_4004_stops_the_client_without_reconnecting()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();

        await h.Simulator.CloseConnectionAsync(4004);

        var error = await Assert.ThrowsAsync<DiscordFatalException>(() => h.Run!.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(4004, error.Code);
        Assert.Contains("Discord:Token", error.Message);
        Assert.Single(h.Simulator.Connections);
        await Assert.ThrowsAsync<DiscordFatalException>(() => h.Client.Events.Completion);
    }

    [Theory]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task Fatal_close_codes_on_identify_stop_the_client(int code)
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Simulator.IdentifyCloseCode = code;
        h.StartClient();

        var error = await Assert.ThrowsAsync<DiscordFatalException>(() => h.Run!.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(code, error.Code);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Single(h.Simulator.Connections);
    }

    [Fact]
    public async Task Rejected_token_on_gateway_bot_is_fatal()
    {
        await using var h = await DiscordHarness.StartAsync(token: "wrong-token");
        h.StartClient();

        var error = await Assert.ThrowsAsync<DiscordFatalException>(() => h.Run!.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(401, error.Code);
        Assert.Single(h.Simulator.Requests);
        Assert.Empty(h.Simulator.Connections);
    }

    [Fact]
    public async Task Failed_connects_back_off_with_growing_jittered_delays()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Simulator.RejectNextConnections(3);
        h.StartClient();

        await h.AdvanceUntilAsync(() => h.Simulator.ConnectionAttempts.Count == 4, "a fourth connection attempt", tick: TimeSpan.FromMilliseconds(50));
        await h.Simulator.WaitForReadyAsync();

        var attempts = h.Simulator.ConnectionAttempts;
        // 1 s, 2 s, 4 s, each ±25 %, plus a little for the ticks the clock moved while the client worked.
        var slack = TimeSpan.FromSeconds(0.25);
        Assert.InRange(attempts[1] - attempts[0], TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.25) + slack);
        Assert.InRange(attempts[2] - attempts[1], TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2.5) + slack);
        Assert.InRange(attempts[3] - attempts[2], TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5) + slack);
    }

    [Fact]
    public async Task Gateway_lookup_outage_is_waited_out()
    {
        await using var h = await DiscordHarness.StartAsync();
        h.Simulator.AddFault(RestFault.ServerError("GET /gateway/bot", status: 503, times: 5));
        h.StartClient();

        await h.AdvanceUntilAsync(() => h.Simulator.Connections.Count == 1, "a connection after the outage", tick: TimeSpan.FromMilliseconds(250));

        Assert.Equal(6, h.Simulator.Requests.Count(r => r.Path == "/gateway/bot"));
    }

    [Fact]
    public async Task Cancelling_stops_the_client_and_completes_the_events()
    {
        await using var h = await DiscordHarness.StartAsync();
        using var stop = new CancellationTokenSource();
        var run = h.Client.RunAsync(stop.Token);
        await h.Simulator.WaitForReadyAsync();

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        var remaining = await h.Client.Events.ReadAllAsync().ToListAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<ReadyEvent>(Assert.Single(remaining));
        Assert.Equal(1000, h.Simulator.Connections[0].ClientCloseCode);
    }

    private static async Task<ulong[]> ReadMessageIdsAsync(DiscordHarness h, int count)
    {
        var ids = new List<ulong>();
        while (ids.Count < count)
        {
            if (await h.NextEventAsync() is MessageCreatedEvent created)
                ids.Add(created.Message.Id);
        }
        return [.. ids];
    }
}
