using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace SleepBot.Testing.Discord;

public sealed partial class DiscordSimulator
{
    private const int MaxClientFrameBytes = 4096;
    private const int ClientSendLimit = 120;
    private static readonly TimeSpan ClientSendWindow = TimeSpan.FromSeconds(60);
    private const int ServerChunkBytes = 1024;

    private readonly Dictionary<string, SimSession> _sessions = [];
    private readonly List<DateTimeOffset> _connectionAttempts = [];
    private int _connectionsToReject;

    /// <summary>When each WebSocket upgrade request arrived, rejected ones included.</summary>
    public IReadOnlyList<DateTimeOffset> ConnectionAttempts { get { lock (_lock) return [.. _connectionAttempts]; } }

    /// <summary>Answers the next <paramref name="count"/> WebSocket upgrades with 503, as during an outage.</summary>
    public void RejectNextConnections(int count)
    {
        lock (_lock)
            _connectionsToReject = count;
    }
    private SimSession? _currentSession;
    private TaskCompletionSource? _connectionHold;

    /// <summary>While held, new connections wait before Hello, so events sent meanwhile must be replayed on Resume.</summary>
    public void HoldNewConnections()
    {
        lock (_lock)
            _connectionHold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void ReleaseNewConnections()
    {
        TaskCompletionSource? hold;
        lock (_lock)
        {
            hold = _connectionHold;
            _connectionHold = null;
        }
        hold?.TrySetResult();
    }

    /// <summary>Dispatches an event to the current session (replayed later if no connection is live).</summary>
    public async Task DispatchAsync(string eventName, JsonNode data)
    {
        SimSession session;
        lock (_lock)
            session = _currentSession ?? throw new InvalidOperationException("No gateway session: wait for READY first.");
        await session.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var sequence = ++session.Sequence;
            var json = Frame(0, data, eventName, sequence);
            session.Log.Add((sequence, eventName, json));
            SimConnection? connection;
            lock (_lock)
                connection = session.Connection;
            if (connection is not null)
                await SendAsync(connection, json, 0, eventName, sequence).ConfigureAwait(false);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Op 7: the client should reconnect and resume.</summary>
    public Task SendReconnectAsync() => SendToLiveAsync(Frame(7, null), 7);

    /// <summary>Op 9; <paramref name="resumable"/> false also ends the session.</summary>
    public Task SendInvalidSessionAsync(bool resumable)
    {
        if (!resumable)
        {
            lock (_lock)
            {
                if (_currentSession is { } session)
                    session.Resumable = false;
            }
        }
        return SendToLiveAsync(Frame(9, resumable), 9);
    }

    /// <summary>Op 1: the client should heartbeat at once.</summary>
    public Task RequestHeartbeatAsync() => SendToLiveAsync(Frame(1, null), 1);

    /// <summary>Cuts the TCP connection without a close frame; the session stays resumable.</summary>
    public void DropConnection()
    {
        var connection = LiveConnection();
        connection.Info.Dropped = true;
        connection.Context.Abort();
    }

    /// <summary>Closes the live connection with a close code, as Discord does (4004, 4007, 4009, 4014 …).</summary>
    public async Task CloseConnectionAsync(int code, string reason = "simulated")
    {
        var connection = LiveConnection();
        await CloseAsync(connection, code, reason).ConfigureAwait(false);
    }

    private SimConnection LiveConnection()
    {
        lock (_lock)
            return _connections.LastOrDefault(c => c.Info.IsOpen) ?? throw new InvalidOperationException("No open gateway connection.");
    }

    private async Task SendToLiveAsync(string json, int op) => await SendAsync(LiveConnection(), json, op, null, null).ConfigureAwait(false);

    private async Task RunGatewayConnectionAsync(HttpContext context, string path)
    {
        bool reject;
        lock (_lock)
        {
            _connectionAttempts.Add(Time.GetUtcNow());
            reject = _connectionsToReject > 0;
            if (reject)
                _connectionsToReject--;
        }
        Changed();
        if (reject)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        SimConnection connection;
        Task? hold;
        lock (_lock)
        {
            connection = new SimConnection(context, socket, new GatewayConnectionInfo
            {
                Id = _connections.Count + 1,
                Path = path,
                Query = context.Request.QueryString.Value ?? "",
            });
            _connections.Add(connection);
            hold = _connectionHold?.Task;
        }
        Changed();

        try
        {
            if (hold is not null)
                await hold.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            if (context.Request.Query["v"] != "10" || context.Request.Query["encoding"] != "json")
            {
                await CloseAsync(connection, 4012, "Invalid API version").ConfigureAwait(false);
                return;
            }
            await SendAsync(connection, Frame(10, new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs }), 10, null, null).ConfigureAwait(false);
            await ReceiveLoopAsync(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // The client went away or the test dropped the connection.
        }
        finally
        {
            lock (_lock)
            {
                connection.Info.IsOpen = false;
                if (connection.Session is { } session && session.Connection == connection)
                    session.Connection = null;
            }
            Changed();
        }
    }

    private async Task ReceiveLoopAsync(SimConnection connection)
    {
        var socket = connection.Socket;
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(4096), connection.Context.RequestAborted).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    lock (_lock)
                        connection.Info.ClientCloseCode = (int?)socket.CloseStatus;
                    Changed();
                    if (socket.State == WebSocketState.CloseReceived)
                        await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                    return;
                }
                buffer.Advance(result.Count);
            }
            while (!result.EndOfMessage);

            var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
            var op = JsonNode.Parse(json)?["op"]?.GetValue<int>() ?? -1;
            var now = Time.GetUtcNow();
            bool overLimit;
            lock (_lock)
            {
                _frames.Add(new GatewayFrame(connection.Info.Id, true, op, null, null, json, now));
                connection.SendTimes.Enqueue(now);
                while (connection.SendTimes.Count > 0 && now - connection.SendTimes.Peek() >= ClientSendWindow)
                    connection.SendTimes.Dequeue();
                overLimit = connection.SendTimes.Count > ClientSendLimit;
                if (overLimit)
                    _limitViolations.Add($"gateway connection {connection.Info.Id}: more than {ClientSendLimit} sends in {ClientSendWindow.TotalSeconds} s");
            }
            Changed();

            if (buffer.WrittenCount > MaxClientFrameBytes)
            {
                await CloseAsync(connection, 4002, "Payload too large").ConfigureAwait(false);
                return;
            }
            if (overLimit)
            {
                await CloseAsync(connection, 4008, "Rate limited").ConfigureAwait(false);
                return;
            }

            var frame = JsonNode.Parse(json)!;
            switch (op)
            {
                case 1:
                    if (AcknowledgeHeartbeats)
                        await SendAsync(connection, Frame(11, null), 11, null, null).ConfigureAwait(false);
                    break;
                case 2:
                    await IdentifyAsync(connection, frame["d"]).ConfigureAwait(false);
                    break;
                case 6:
                    await ResumeAsync(connection, frame["d"]).ConfigureAwait(false);
                    break;
                default:
                    await CloseAsync(connection, 4001, "Unknown opcode").ConfigureAwait(false);
                    return;
            }
        }
    }

    private async Task IdentifyAsync(SimConnection connection, JsonNode? data)
    {
        if (data?["token"]?.GetValue<string>() != Token)
        {
            await CloseAsync(connection, 4004, "Authentication failed").ConfigureAwait(false);
            return;
        }
        if (connection.Session is not null)
        {
            await CloseAsync(connection, 4005, "Already authenticated").ConfigureAwait(false);
            return;
        }
        if (IdentifyCloseCode is { } code)
        {
            await CloseAsync(connection, code, "Identify rejected").ConfigureAwait(false);
            return;
        }

        var session = new SimSession(Guid.NewGuid().ToString("N"));
        await session.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_lock)
            {
                _sessions[session.Id] = session;
                _currentSession = session;
                session.Connection = connection;
                connection.Session = session;
                connection.Info.Identified = true;
            }
            if (SendReady)
            {
                var sequence = ++session.Sequence;
                var json = Frame(0, ReadyJson(session), "READY", sequence);
                session.Log.Add((sequence, "READY", json));
                await SendAsync(connection, json, 0, "READY", sequence).ConfigureAwait(false);
            }
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task ResumeAsync(SimConnection connection, JsonNode? data)
    {
        if (data?["token"]?.GetValue<string>() != Token)
        {
            await CloseAsync(connection, 4004, "Authentication failed").ConfigureAwait(false);
            return;
        }
        var sessionId = data["session_id"]?.GetValue<string>();
        var seq = data["seq"]?.GetValue<long>() ?? 0;
        SimSession? session;
        lock (_lock)
            session = sessionId is not null && _sessions.TryGetValue(sessionId, out var s) && s.Resumable ? s : null;
        if (session is null)
        {
            await SendAsync(connection, Frame(9, false), 9, null, null).ConfigureAwait(false);
            return;
        }

        // Under the session gate, so no live dispatch slips between the replay and RESUMED.
        await session.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var (sequence, eventName, json) in session.Log.Where(e => e.Sequence > seq).ToList())
                await SendAsync(connection, json, 0, eventName, sequence).ConfigureAwait(false);
            await SendAsync(connection, Frame(0, new JsonObject(), "RESUMED", null), 0, "RESUMED", null).ConfigureAwait(false);
            lock (_lock)
            {
                session.Connection = connection;
                connection.Session = session;
                connection.Info.Resumed = true;
                _currentSession = session;
            }
        }
        finally
        {
            session.Gate.Release();
        }
        Changed();
    }

    private JsonObject ReadyJson(SimSession session)
    {
        // Enough guilds to push READY past one frame, as a real READY often is.
        var guilds = new JsonArray();
        guilds.Add(new JsonObject { ["id"] = Id(GuildId), ["unavailable"] = true });
        for (var i = 0; i < 60; i++)
            guilds.Add(new JsonObject { ["id"] = Id(GuildId + 1000 + (ulong)i), ["unavailable"] = true });
        return new JsonObject
        {
            ["v"] = 10,
            ["user"] = BotUserJson(),
            ["guilds"] = guilds,
            ["session_id"] = session.Id,
            ["resume_gateway_url"] = new UriBuilder(BaseAddress) { Scheme = "ws", Path = "/gateway-resume" }.Uri.ToString(),
            ["application"] = new JsonObject { ["id"] = Id(ApplicationId), ["flags"] = 0 },
        };
    }

    private static string Frame(int op, JsonNode? data, string? eventName = null, long? sequence = null) =>
        new JsonObject
        {
            ["op"] = op,
            ["d"] = data,
            ["s"] = sequence,
            ["t"] = eventName,
        }.ToJsonString();

    private async Task SendAsync(SimConnection connection, string json, int op, string? eventName, long? sequence)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        await connection.SendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (connection.Socket.State != WebSocketState.Open)
                return;
            // Large messages go in several frames, so clients must read to EndOfMessage.
            for (var offset = 0; offset < bytes.Length; offset += ServerChunkBytes)
            {
                var count = Math.Min(ServerChunkBytes, bytes.Length - offset);
                await connection.Socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count == bytes.Length, CancellationToken.None).ConfigureAwait(false);
            }
            lock (_lock)
                _frames.Add(new GatewayFrame(connection.Info.Id, false, op, eventName, (int?)sequence, json, Time.GetUtcNow()));
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection died; a resumed session gets the event from the log.
        }
        finally
        {
            connection.SendGate.Release();
        }
        Changed();
    }

    private async Task CloseAsync(SimConnection connection, int code, string reason)
    {
        lock (_lock)
        {
            connection.Info.ServerCloseCode = code;
            if (connection.Session is { } session && code is 4007 or 4009 or 4004 or (>= 4010 and <= 4014))
                session.Resumable = false;
        }
        await connection.SendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (connection.Socket.State == WebSocketState.Open)
                await connection.Socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            // Already gone.
        }
        finally
        {
            connection.SendGate.Release();
        }
        Changed();
    }

    private sealed class SimConnection(HttpContext context, WebSocket socket, GatewayConnectionInfo info)
    {
        public HttpContext Context { get; } = context;
        public WebSocket Socket { get; } = socket;
        public GatewayConnectionInfo Info { get; } = info;
        public SemaphoreSlim SendGate { get; } = new(1, 1);
        public Queue<DateTimeOffset> SendTimes { get; } = new();
        public SimSession? Session { get; set; }
    }

    private sealed class SimSession(string id)
    {
        public string Id { get; } = id;
        public long Sequence { get; set; }
        public bool Resumable { get; set; } = true;
        public List<(long Sequence, string EventName, string Json)> Log { get; } = [];
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public SimConnection? Connection { get; set; }
    }
}
