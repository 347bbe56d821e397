using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SleepBot.Testing.Discord;

/// <summary>
/// A loopback Discord: the gateway WebSocket and the REST routes a bot uses, served by Kestrel on 127.0.0.1.
/// It records every request and gateway frame, injects user messages and interactions, replays missed events
/// on Resume like Discord, advertises and enforces rate limits, and plays scripted faults.
/// </summary>
public sealed partial class DiscordSimulator : IAsyncDisposable
{
    public const string ApiPrefix = "/api/v10";

    private readonly Lock _lock = new();
    private readonly WebApplication _app;
    private TaskCompletionSource _changed = NewSignal();
    private long _nextId = 1_300_000_000_000_000_000;

    private DiscordSimulator(WebApplication app, TimeProvider time, string token)
    {
        _app = app;
        Time = time;
        Token = token;
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        BaseAddress = address;
        ApiBaseUrl = new Uri(address, ApiPrefix);
    }

    /// <summary>Starts a simulator on a free loopback port.</summary>
    /// <param name="time">The clock for rate-limit windows, the 3 s interaction deadline and timestamps.</param>
    public static async Task<DiscordSimulator> StartAsync(TimeProvider? time = null, string token = "SIM.bot-token.7Qx2-secret")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        DiscordSimulator? simulator = null;
        app.Run(context => simulator!.HandleAsync(context));
        await app.StartAsync().ConfigureAwait(false);
        simulator = new DiscordSimulator(app, time ?? TimeProvider.System, token);
        return simulator;
    }

    public TimeProvider Time { get; }

    /// <summary>The token the simulator accepts; anything else gets 401 / close 4004.</summary>
    public string Token { get; }

    public Uri BaseAddress { get; }

    /// <summary>Set <c>Discord:ApiBaseUrl</c> to this.</summary>
    public Uri ApiBaseUrl { get; }

    public ulong BotUserId { get; } = 1_100_000_000_000_000_001;
    public ulong ApplicationId { get; } = 1_100_000_000_000_000_002;
    public ulong GuildId { get; } = 1_100_000_000_000_000_003;

    // ---- Behaviour knobs ----

    public int HeartbeatIntervalMs { get; set; } = 41_250;

    /// <summary>False makes a zombie connection: heartbeats are never acknowledged.</summary>
    public bool AcknowledgeHeartbeats { get; set; } = true;

    /// <summary>When set, Identify is answered with this close code (e.g. 4014 for a disallowed intent).</summary>
    public int? IdentifyCloseCode { get; set; }

    /// <summary>False leaves the session identified but without READY (to observe heartbeats with a null sequence).</summary>
    public bool SendReady { get; set; } = true;

    /// <summary>Bot messages come back as MESSAGE_CREATE, as on Discord.</summary>
    public bool EchoBotMessages { get; set; } = true;

    /// <summary>Requests per bucket and window the simulator advertises in X-RateLimit-* and enforces.</summary>
    public int RouteLimit { get; set; } = 50;
    public TimeSpan RouteWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deadline for an interaction's first response.</summary>
    public TimeSpan InteractionDeadline { get; set; } = TimeSpan.FromSeconds(3);

    // ---- Recordings ----

    public IReadOnlyList<RecordedRequest> Requests { get { lock (_lock) return [.. _requests]; } }
    public IReadOnlyList<GatewayFrame> Frames { get { lock (_lock) return [.. _frames]; } }
    public IReadOnlyList<GatewayConnectionInfo> Connections { get { lock (_lock) return [.. _connections.Select(c => c.Info)]; } }
    public IReadOnlyList<SimMessage> Messages { get { lock (_lock) return [.. _messages]; } }
    /// <summary>Messages this bot posted (channel messages, interaction responses, follow-ups).</summary>
    public IReadOnlyList<SimMessage> BotMessages { get { lock (_lock) return [.. _messages.Where(m => m.AuthorId == BotUserId)]; } }
    public IReadOnlyList<SimInteraction> Interactions { get { lock (_lock) return [.. _interactions.Values]; } }
    public IReadOnlyList<SimThread> Threads { get { lock (_lock) return [.. _threads.Values]; } }
    public IReadOnlyList<CommandRegistration> CommandRegistrations { get { lock (_lock) return [.. _commandRegistrations]; } }

    /// <summary>Requests or gateway sends that broke an advertised limit (scripted faults aside), described. Should stay empty.</summary>
    public IReadOnlyList<string> LimitViolations { get { lock (_lock) return [.. _limitViolations]; } }

    public IEnumerable<GatewayFrame> ClientFrames(int op) => Frames.Where(f => f.FromClient && f.Op == op);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking whenever anything is recorded.</summary>
    public async Task WaitUntilAsync(Func<DiscordSimulator, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Eventually.DefaultTimeout);
        while (true)
        {
            Task changed;
            lock (_lock)
                changed = _changed.Task;
            if (condition(this))
                return;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"Timed out waiting for: {what}. Requests: [{string.Join(", ", Requests.TakeLast(10))}]; connections: [{string.Join(", ", Connections)}]");
            await Task.WhenAny(changed, Task.Delay(left)).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a READY sent on a connection (a new session).</summary>
    public Task WaitForReadyAsync(int count = 1, TimeSpan? timeout = null) =>
        WaitUntilAsync(s => s.Frames.Count(f => !f.FromClient && f.EventName == "READY") >= count, $"READY #{count}", timeout);

    public Task WaitForResumedAsync(int count = 1, TimeSpan? timeout = null) =>
        WaitUntilAsync(s => s.Frames.Count(f => !f.FromClient && f.EventName == "RESUMED") >= count, $"RESUMED #{count}", timeout);

    public Task<SimMessage> WaitForBotMessageAsync(Func<SimMessage, bool> match, string what, TimeSpan? timeout = null) =>
        WaitForAsync(s => s.BotMessages.FirstOrDefault(match), what, timeout);

    public async Task<T> WaitForAsync<T>(Func<DiscordSimulator, T?> find, string what, TimeSpan? timeout = null) where T : class
    {
        T? found = null;
        await WaitUntilAsync(s => (found = find(s)) is not null, what, timeout).ConfigureAwait(false);
        return found!;
    }

    // ---- State ----

    private readonly List<RecordedRequest> _requests = [];
    private readonly List<GatewayFrame> _frames = [];
    private readonly List<SimConnection> _connections = [];
    private readonly List<SimMessage> _messages = [];
    private readonly Dictionary<ulong, SimInteraction> _interactions = [];
    private readonly Dictionary<ulong, SimThread> _threads = [];
    private readonly Dictionary<ulong, ulong?> _channelGuilds = [];
    private readonly List<CommandRegistration> _commandRegistrations = [];
    private readonly List<RestFault> _faults = [];
    private readonly List<string> _limitViolations = [];

    private ulong NextId() => (ulong)Interlocked.Increment(ref _nextId);

    private void Changed()
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            signal = _changed;
            _changed = NewSignal();
        }
        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private string Timestamp() => Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private JsonObject UserJson(ulong id, string username, bool bot) =>
        new() { ["id"] = Id(id), ["username"] = username, ["global_name"] = username, ["bot"] = bot };

    private JsonObject BotUserJson() => UserJson(BotUserId, "SleepBot", bot: true);

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private ulong? GuildOf(ulong channelId)
    {
        lock (_lock)
            return _channelGuilds.TryGetValue(channelId, out var guild) ? guild : GuildId;
    }

    public async ValueTask DisposeAsync()
    {
        // Open WebSockets would hold a graceful stop until its timeout.
        SimConnection[] open;
        lock (_lock)
            open = [.. _connections.Where(c => c.Info.IsOpen)];
        foreach (var connection in open)
            connection.Context.Abort();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.TrimEnd('/') is "/gateway" or "/gateway-resume" && context.WebSockets.IsWebSocketRequest)
            await RunGatewayConnectionAsync(context, path.TrimEnd('/')).ConfigureAwait(false);
        else if (path.StartsWith(ApiPrefix, StringComparison.Ordinal))
            await HandleRestAsync(context, path[ApiPrefix.Length..]).ConfigureAwait(false);
        else
            context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
