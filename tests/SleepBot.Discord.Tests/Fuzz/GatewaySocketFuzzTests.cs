using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging;
using SleepBot.Discord.Models;
using SleepBot.Testing;

namespace SleepBot.Discord.Tests.Fuzz;

/// <summary>Random frames through the simulator's socket to a running client: it stays connected or resumes, and keeps delivering.</summary>
public sealed class GatewaySocketFuzzTests
{
    private const int Frames = 150;

    [Fact]
    public async Task A_client_fed_random_frames_keeps_its_session_and_still_delivers_real_messages()
    {
        var unobserved = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> note = (_, e) => unobserved.Enqueue(e.Exception);
        TaskScheduler.UnobservedTaskException += note;
        try
        {
            await FeedRandomFramesAsync();
            // Faulted tasks nobody awaited surface when collected.
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= note;
        }
        // Other tests run alongside; only the client's own tasks count here.
        Assert.DoesNotContain(unobserved, e => e.ToString().Contains("SleepBot.Discord.", StringComparison.Ordinal));
    }

    private static async Task FeedRandomFramesAsync()
    {
        await using var h = await DiscordHarness.StartAsync();
        await h.ConnectAsync();
        // Fixed seeds: a failure here replays exactly.
        var random = new Random(20_261_122);
        var texts = ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "").Sample(Frames, new Rnd(7), 30);
        Assert.Equal(Frames, texts.Length);

        var sent = 0;
        foreach (var text in texts)
        {
            var frame = LiveFrame(random, text);
            // After op 7/9 or an unparsable frame the client reconnects: wait for the session to be live again.
            await h.AdvanceUntilAsync(() => HasLiveSession(h), "the client to be connected with a live session");
            if (await h.Simulator.SendRawFrameAsync(frame))
                sent++;
        }
        await h.AdvanceUntilAsync(() => HasLiveSession(h), "the client to be connected after the last frame");
        var sentinel = await h.Simulator.SendUserMessageAsync(42, "still there?");

        await AwaitMessageAsync(h, sentinel.Id);
        Assert.True(sent >= Frames * 9 / 10, $"only {sent} of {Frames} frames reached a connection");
        Assert.False(h.Run!.IsCompleted, $"the client stopped: {h.Run.Exception}");
        Assert.Empty(h.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error).Select(r => r.Message + " " + r.Exception));
        Assert.Empty(h.Simulator.LimitViolations);
        // Some frames must actually have forced reconnects, or this test proves less than it claims.
        Assert.True(h.Simulator.Connections.Count > 1, "no frame made the client reconnect");
    }

    /// <summary>A fuzz frame for a live session: no sequence (the session's own numbering stays intact) and no READY.</summary>
    /// <remarks>A READY naming another session and resume URL would move the client elsewhere, which no fuzzing of Discord's real server can do.</remarks>
    private static string LiveFrame(Random random, string text)
    {
        var frame = GatewayFrames.LiveFrame(random, text);
        try
        {
            if (JsonNode.Parse(frame) is JsonObject { } json && json["t"] is JsonValue t && t.TryGetValue<string>(out var name) && name == "READY")
                json["t"] = "READY_SUPPLEMENTAL";
            else
                return frame;
            return json.ToJsonString();
        }
        catch (System.Text.Json.JsonException)
        {
            return frame;
        }
    }

    private static bool HasLiveSession(DiscordHarness h) =>
        h.Simulator.Connections.LastOrDefault() is { IsOpen: true } last && (last.Resumed || last.Identified && h.Simulator.Frames.Any(f => f.ConnectionId == last.Id && f.EventName == "READY"));

    private static async Task AwaitMessageAsync(DiscordHarness h, ulong id)
    {
        // Damaged but readable fuzz messages arrive too; read past them, boundedly.
        for (var i = 0; i < Frames * 2 + 10; i++)
        {
            var next = await h.NextEventAsync();
            if (next is MessageCreatedEvent { Message.Id: var got } && got == id)
                return;
        }
        Assert.Fail($"message {id} never arrived");
    }
}
