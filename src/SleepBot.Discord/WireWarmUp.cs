using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SleepBot.Discord.Gateway;
using SleepBot.Discord.Rest;

namespace SleepBot.Discord;

/// <summary>
/// Before the first connection, reads a sample MESSAGE_CREATE the way the gateway reads one and writes and reads
/// an answer's REST payloads, sending nothing. A bot restarting into a busy channel would otherwise pay these
/// one-time costs (serializer metadata, JIT compilation) on its first question, in the receive loop, with the
/// rest of the burst queued behind it.
/// </summary>
internal sealed partial class WireWarmUp(DiscordRestClient rest, TimeProvider time, ILogger<WireWarmUp> logger)
{
    // A guild message as Discord sends it: a reply that mentions the bot and a role, so every part the bot reads is read.
    private const string SampleMessage = """
        {"id":"1300000000000000002","channel_id":"1300000000000000003","guild_id":"1300000000000000004",
         "author":{"id":"1300000000000000005","username":"parent","global_name":"Parent","discriminator":"0","avatar":null},
         "member":{"roles":["1300000000000000006"],"nick":null,"joined_at":"2026-01-01T00:00:00.000000+00:00"},
         "content":"<@1300000000000000001> my baby cries when I put her down awake, is that normal?",
         "timestamp":"2026-01-01T03:00:00.000000+00:00","edited_timestamp":null,"tts":false,"mention_everyone":false,
         "mentions":[{"id":"1300000000000000001","username":"SleepBot","global_name":null,"bot":true}],
         "mention_roles":["1300000000000000006"],"attachments":[],"embeds":[],"pinned":false,"type":19,"flags":0,
         "message_reference":{"type":0,"message_id":"1300000000000000007","channel_id":"1300000000000000003","guild_id":"1300000000000000004"}}
        """;

    // The thread Discord returns when one is started from a question.
    private const string SampleThread = """
        {"id":"1300000000000000002","type":11,"guild_id":"1300000000000000004","parent_id":"1300000000000000003",
         "name":"my baby cries when I put her down awake","owner_id":"1300000000000000001","message_count":0}
        """;

    private static readonly byte[] SampleFrame = Encoding.UTF8.GetBytes($$"""{"op":0,"t":"MESSAGE_CREATE","s":1,"d":{{SampleMessage}}}""");

    public async Task RunAsync(CancellationToken ct)
    {
        var started = time.GetTimestamp();
        try
        {
            _ = ReadSampleMessage();
            await rest.WarmUpAsync(Encoding.UTF8.GetBytes(SampleThread), Encoding.UTF8.GetBytes(SampleMessage), ct).ConfigureAwait(false);
            LogWarmedUp(logger, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only the first answer's speed is at stake; a warm-up must never keep the bot offline.
            LogWarmUpFailed(logger, e);
        }
    }

    /// <summary>The sample, read as <see cref="GatewayConnection"/> reads a frame off the socket.</summary>
    internal static GatewayDispatch ReadSampleMessage()
    {
        using var frame = JsonDocument.Parse(SampleFrame);
        GatewayPayload.TryRead(frame.RootElement, out var payload, out _);
        return GatewayDispatch.Read(payload.EventName, payload.Data);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read a sample message and wrote a sample answer in {Milliseconds:0.#} ms before connecting")]
    private static partial void LogWarmedUp(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming up the Discord payloads failed; connecting anyway")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}
