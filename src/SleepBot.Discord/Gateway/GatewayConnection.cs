using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SleepBot.Discord.Models;

namespace SleepBot.Discord.Gateway;

/// <summary>
/// One WebSocket connection to the gateway: Hello, heartbeats, Identify or Resume, dispatches. It ends with a
/// <see cref="GatewayOutcome"/> saying how to reconnect, or throws <see cref="DiscordFatalException"/>.
/// </summary>
internal sealed partial class GatewayConnection(
    GatewaySession session,
    string token,
    ChannelWriter<DiscordEvent> events,
    TimeProvider time,
    ILogger logger) : IDisposable
{
    // GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT
    public const int Intents = 1 | 1 << 9 | 1 << 12 | 1 << 15;

    // A close code other than 1000/1001 keeps the session resumable.
    private const WebSocketCloseStatus ResumableClose = (WebSocketCloseStatus)4000;
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly GatewaySendLimiter _limiter = new(time);
    private readonly ArrayBufferWriter<byte> _receiveBuffer = new(16 * 1024);
    private GatewayOutcome? _outcome;
    private volatile bool _ackPending;
    private bool _established;
    private ITimer? _abortTimer;

    public async Task<GatewayOutcome> RunAsync(Uri url, CancellationToken ct)
    {
        await _socket.ConnectAsync(url, ct).ConfigureAwait(false);
        LogConnected(logger, url.GetLeftPart(UriPartial.Path));

        // Cancelling a pending ReceiveAsync would abort the socket without a close frame, so shutdown instead
        // closes with 1000 (ending the session, so Discord shows the bot offline at once) and the loop ends on the reply.
        using var connectionCts = new CancellationTokenSource();
        using var shutdown = ct.Register(() => _ = CloseAsync(WebSocketCloseStatus.NormalClosure, "shutting down"));
        Task heartbeat = Task.CompletedTask;
        try
        {
            while (true)
            {
                using var frame = await ReceiveAsync(connectionCts.Token).ConfigureAwait(false);
                if (frame is null)
                {
                    ct.ThrowIfCancellationRequested();
                    return _outcome ?? GatewayOutcome.FromCloseCode((int?)_socket.CloseStatus, _established);
                }

                var root = frame.RootElement;
                var op = (GatewayOpCode)root.GetProperty("op").GetInt32();
                switch (op)
                {
                    case GatewayOpCode.Hello:
                        _established = true;
                        var interval = TimeSpan.FromMilliseconds(root.GetProperty("d").GetProperty("heartbeat_interval").GetDouble());
                        heartbeat = HeartbeatAsync(interval, connectionCts.Token);
                        await (session.CanResume ? SendResumeAsync(connectionCts.Token) : SendIdentifyAsync(connectionCts.Token)).ConfigureAwait(false);
                        break;
                    case GatewayOpCode.HeartbeatAck:
                        _ackPending = false;
                        break;
                    case GatewayOpCode.Heartbeat:
                        await SendHeartbeatAsync(connectionCts.Token).ConfigureAwait(false);
                        break;
                    case GatewayOpCode.Reconnect:
                        await EndAsync(GatewayOutcome.Resume("Discord asked to reconnect (op 7)")).ConfigureAwait(false);
                        break;
                    case GatewayOpCode.InvalidSession:
                        var resumable = root.TryGetProperty("d", out var d) && d.ValueKind == JsonValueKind.True;
                        await EndAsync(resumable
                            ? GatewayOutcome.Resume("session invalidated, resumable (op 9)")
                            // Discord asks for a random 1–5 s wait before identifying again.
                            : GatewayOutcome.Reidentify("session invalidated (op 9)", TimeSpan.FromSeconds(1 + 4 * Random.Shared.NextDouble())))
                            .ConfigureAwait(false);
                        break;
                    case GatewayOpCode.Dispatch:
                        await DispatchAsync(root, connectionCts.Token).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            // The socket died under us, was aborted after a close went unanswered, or carried an unreadable frame.
            return _outcome ?? GatewayOutcome.Resume($"connection lost ({e.GetType().Name})", _established);
        }
        catch (WebSocketException e) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException("The gateway connection was closed for shutdown.", e, ct);
        }
        finally
        {
            await connectionCts.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task DispatchAsync(JsonElement root, CancellationToken ct)
    {
        // Record the sequence before handling the event, so a heartbeat or resume never reports one older than handled.
        if (root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && !session.TryAdvance(s.GetInt64()))
        {
            LogDuplicateDispatch(logger, s.GetInt64());
            return;
        }

        var type = root.GetProperty("t").GetString();
        var data = root.GetProperty("d");
        DiscordEvent? discordEvent = null;
        try
        {
            discordEvent = ToEvent(type, data);
        }
        catch (JsonException e)
        {
            // One event Discord shaped unexpectedly must not take the bot offline.
            LogUnreadableDispatch(logger, type, e);
        }

        if (discordEvent is not null)
            await events.WriteAsync(discordEvent, ct).ConfigureAwait(false);
    }

    private DiscordEvent? ToEvent(string? type, JsonElement data)
    {
        switch (type)
        {
            case "READY":
                var ready = data.Deserialize<ReadyPayload>(DiscordJson.Options)!;
                session.Start(ready.SessionId, new Uri(ready.ResumeGatewayUrl));
                LogReady(logger, ready.User.Id, ready.Application.Id);
                return new ReadyEvent(ready.User, ready.Application.Id);
            case "RESUMED":
                LogResumed(logger, session.Sequence);
                return null;
            case "MESSAGE_CREATE":
                return new MessageCreatedEvent(data.Deserialize<DiscordMessage>(DiscordJson.Options)!);
            case "INTERACTION_CREATE":
                return new InteractionCreatedEvent(data.Deserialize<DiscordInteraction>(DiscordJson.Options)!);
            default:
                return null;
        }
    }

    private async Task HeartbeatAsync(TimeSpan interval, CancellationToken ct)
    {
        try
        {
            // Jitter the first beat so that many clients reconnecting together do not beat in step.
            await Task.Delay(interval * Random.Shared.NextDouble(), time, ct).ConfigureAwait(false);
            while (true)
            {
                if (_ackPending)
                {
                    // A zombie connection: close it resumably, and abort if the other side does not answer the close.
                    LogZombie(logger, interval.TotalMilliseconds);
                    await EndAsync(GatewayOutcome.Resume("no heartbeat ACK")).ConfigureAwait(false);
                    return;
                }

                await SendHeartbeatAsync(ct).ConfigureAwait(false);
                await Task.Delay(interval, time, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The connection is over; the receive loop reports why.
        }
    }

    private async Task SendHeartbeatAsync(CancellationToken ct)
    {
        _ackPending = true;
        await SendAsync(GatewayOpCode.Heartbeat, w =>
        {
            if (session.Sequence is { } seq)
                w.WriteNumberValue(seq);
            else
                w.WriteNullValue();
        }, ct).ConfigureAwait(false);
    }

    private Task SendIdentifyAsync(CancellationToken ct)
    {
        LogIdentifying(logger, Intents);
        return SendAsync(GatewayOpCode.Identify, w =>
        {
            w.WriteStartObject();
            w.WriteString("token", token);
            w.WriteNumber("intents", Intents);
            w.WriteStartObject("properties");
            w.WriteString("os", Environment.OSVersion.Platform.ToString().ToLowerInvariant());
            w.WriteString("browser", "sleepbot");
            w.WriteString("device", "sleepbot");
            w.WriteEndObject();
            w.WriteEndObject();
        }, ct);
    }

    private Task SendResumeAsync(CancellationToken ct)
    {
        LogResuming(logger, session.Sequence);
        return SendAsync(GatewayOpCode.Resume, w =>
        {
            w.WriteStartObject();
            w.WriteString("token", token);
            w.WriteString("session_id", session.SessionId);
            if (session.Sequence is { } seq)
                w.WriteNumber("seq", seq);
            else
                w.WriteNull("seq");
            w.WriteEndObject();
        }, ct);
    }

    private async Task SendAsync(GatewayOpCode op, Action<Utf8JsonWriter> writeData, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("op", (int)op);
            writer.WritePropertyName("d");
            writeData(writer);
            writer.WriteEndObject();
        }

        await _limiter.WaitAsync(op == GatewayOpCode.Heartbeat, ct).ConfigureAwait(false);
        // ClientWebSocket allows one send at a time; heartbeats and the receive loop both send.
        await _sendGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
        LogSent(logger, (int)op);
    }

    /// <summary>Reads one whole message, however many frames it spans; null when the server closed.</summary>
    private async Task<JsonDocument?> ReceiveAsync(CancellationToken ct)
    {
        _receiveBuffer.ResetWrittenCount();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_receiveBuffer.GetMemory(8 * 1024), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                LogClosedByServer(logger, (int?)_socket.CloseStatus, _socket.CloseStatusDescription);
                await TryCloseOutputAsync(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null).ConfigureAwait(false);
                return null;
            }
            _receiveBuffer.Advance(result.Count);
            if (result.EndOfMessage)
                return JsonDocument.Parse(_receiveBuffer.WrittenMemory);
        }
    }

    /// <summary>
    /// Closes from our side with 4000, so the session stays resumable. The receive loop ends when the server
    /// answers the close; a server that does not answer (a zombie) is cut off after a grace period.
    /// </summary>
    private async Task EndAsync(GatewayOutcome outcome)
    {
        if (Interlocked.CompareExchange(ref _outcome, outcome, null) is not null)
            return;
        LogEnding(logger, outcome.Reason);
        await CloseAsync(ResumableClose, outcome.Reason).ConfigureAwait(false);
    }

    /// <summary>Sends a close frame and cuts the socket if the server has not answered it within a grace period.</summary>
    private async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        var abort = time.CreateTimer(_ => _socket.Abort(), null, CloseGrace, Timeout.InfiniteTimeSpan);
        if (Interlocked.CompareExchange(ref _abortTimer, abort, null) is not null)
            abort.Dispose();
        await TryCloseOutputAsync(status, description).ConfigureAwait(false);
    }

    private async Task TryCloseOutputAsync(WebSocketCloseStatus status, string? description)
    {
        using var timeout = new CancellationTokenSource(CloseGrace, time);
        try
        {
            // A close frame is a send: it must not overlap a heartbeat.
            await _sendGate.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    await _socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
            }
            finally
            {
                _sendGate.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Already gone; nothing to close.
        }
    }

    public void Dispose()
    {
        _abortTimer?.Dispose();
        _socket.Dispose();
    }

    private sealed record ReadyPayload(string SessionId, string ResumeGatewayUrl, DiscordUser User, ReadyApplication Application);

    private sealed record ReadyApplication(ulong Id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the Discord gateway at {Url}")]
    private static partial void LogConnected(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Identifying with intents {Intents}")]
    private static partial void LogIdentifying(ILogger logger, int intents);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the session from sequence {Sequence}")]
    private static partial void LogResuming(ILogger logger, long? sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready as user {UserId} of application {ApplicationId}")]
    private static partial void LogReady(ILogger logger, ulong userId, ulong applicationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session resumed at sequence {Sequence}")]
    private static partial void LogResumed(ILogger logger, long? sequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped dispatch {Sequence}, already seen")]
    private static partial void LogDuplicateDispatch(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No heartbeat ACK within {IntervalMs} ms; the connection is a zombie")]
    private static partial void LogZombie(ILogger logger, double intervalMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing the gateway connection: {Reason}")]
    private static partial void LogEnding(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord closed the gateway connection with code {CloseCode} ({Description})")]
    private static partial void LogClosedByServer(ILogger logger, int? closeCode, string? description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an unreadable {EventType} dispatch")]
    private static partial void LogUnreadableDispatch(ILogger logger, string? eventType, Exception exception);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Sent gateway op {Op}")]
    private static partial void LogSent(ILogger logger, int op);
}
