using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace SleepBot.Testing.Discord;

public sealed partial class DiscordSimulator
{
    private readonly Dictionary<string, RateWindow> _rateWindows = [];
    private DateTimeOffset _globalPauseUntil;

    /// <summary>Scripts a failure for the next matching requests.</summary>
    public void AddFault(RestFault fault)
    {
        fault.Remaining = fault.Times;
        lock (_lock)
            _faults.Add(fault);
    }

    // ---- Injection of what users do ----

    /// <summary>A user posts a message; the bot receives MESSAGE_CREATE. Returns the message.</summary>
    /// <param name="directMessage">A DM: no guild. Otherwise the channel's guild (a thread's parent guild).</param>
    public async Task<SimMessage> SendUserMessageAsync(
        ulong channelId,
        string content,
        ulong authorId = DefaultUserId,
        bool authorIsBot = false,
        IReadOnlyList<ulong>? mentionUserIds = null,
        bool directMessage = false,
        ulong? replyToMessageId = null)
    {
        var message = AddUserMessage(channelId, content, authorId, authorIsBot, directMessage, replyToMessageId, mentionUserIds);
        await RedeliverAsync(message).ConfigureAwait(false);
        return message;
    }

    /// <summary>Sends MESSAGE_CREATE for a user's message (again), as Discord may around a reconnect.</summary>
    public Task RedeliverAsync(SimMessage message)
    {
        var json = MessageJson(message, UserJson(message.AuthorId, UserName(message.AuthorId, message.AuthorIsBot), message.AuthorIsBot));
        if (message.GuildId is not null)
            json["member"] = new JsonObject { ["roles"] = new JsonArray(), ["nick"] = null };
        return DispatchAsync("MESSAGE_CREATE", json);
    }

    /// <summary>Puts a message in a channel's history without a gateway event (posted before the bot was listening).</summary>
    public SimMessage AddUserMessage(
        ulong channelId,
        string content,
        ulong authorId = DefaultUserId,
        bool authorIsBot = false,
        bool directMessage = false,
        ulong? replyToMessageId = null,
        IReadOnlyList<ulong>? mentionUserIds = null)
    {
        var guildId = directMessage ? null : GuildOf(channelId);
        var message = new SimMessage
        {
            Id = NextId(),
            ChannelId = channelId,
            GuildId = guildId,
            AuthorId = authorId,
            AuthorIsBot = authorIsBot,
            Content = content,
            ReplyToMessageId = replyToMessageId,
            MentionUserIds = mentionUserIds ?? [],
            Timestamp = Time.GetUtcNow(),
        };
        lock (_lock)
        {
            _channelGuilds.TryAdd(channelId, guildId);
            _messages.Add(message);
        }
        Changed();
        return message;
    }

    public const ulong DefaultUserId = 1_200_000_000_000_000_001;

    private static string UserName(ulong id, bool bot) => (bot ? "bot" : "parent") + (id % 1000).ToString(CultureInfo.InvariantCulture);

    /// <summary>A user runs a slash command; the bot receives INTERACTION_CREATE.</summary>
    public async Task<SimInteraction> SendSlashCommandAsync(
        string name,
        IReadOnlyDictionary<string, string> options,
        ulong channelId,
        ulong userId = DefaultUserId,
        bool directMessage = false,
        IReadOnlyList<ulong>? roleIds = null,
        ulong permissions = 0)
    {
        var data = new JsonObject
        {
            ["id"] = Id(NextId()),
            ["name"] = name,
            ["type"] = 1,
            ["options"] = new JsonArray([.. options.Select(o => new JsonObject { ["name"] = o.Key, ["type"] = 3, ["value"] = o.Value })]),
        };
        return await SendInteractionAsync(2, data, channelId, userId, directMessage, roleIds, permissions, null).ConfigureAwait(false);
    }

    /// <summary>A user runs a sub-command (<c>/name subcommand option:value…</c>); option values keep their JSON type.</summary>
    public Task<SimInteraction> SendSubCommandAsync(
        string name,
        string subCommand,
        IReadOnlyDictionary<string, JsonNode> options,
        ulong channelId,
        ulong userId = DefaultUserId,
        IReadOnlyList<ulong>? roleIds = null,
        ulong permissions = 0)
    {
        var sub = new JsonObject
        {
            ["name"] = subCommand,
            ["type"] = 1,
            ["options"] = new JsonArray([.. options.Select(o => new JsonObject
            {
                ["name"] = o.Key,
                ["type"] = o.Value.GetValueKind() == System.Text.Json.JsonValueKind.Number ? 4 : 3,
                ["value"] = o.Value.DeepClone(),
            })]),
        };
        var data = new JsonObject { ["id"] = Id(NextId()), ["name"] = name, ["type"] = 1, ["options"] = new JsonArray(sub) };
        return SendInteractionAsync(2, data, channelId, userId, directMessage: false, roleIds, permissions, null);
    }

    /// <summary>A user clicks a button on a bot message.</summary>
    public Task<SimInteraction> SendButtonClickAsync(SimMessage message, string customId, ulong userId, IReadOnlyList<ulong>? roleIds = null, ulong permissions = 0) =>
        SendInteractionAsync(3, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 }, message.ChannelId, userId,
            message.GuildId is null, roleIds, permissions, MessageJson(message, BotUserJson()));

    private async Task<SimInteraction> SendInteractionAsync(
        int type, JsonObject data, ulong channelId, ulong userId, bool directMessage, IReadOnlyList<ulong>? roleIds, ulong permissions, JsonObject? message)
    {
        var id = NextId();
        var interaction = new SimInteraction
        {
            Id = id,
            Token = "itoken-" + Id(id) + "-" + Guid.NewGuid().ToString("N"),
            ChannelId = channelId,
            UserId = userId,
            CreatedAt = Time.GetUtcNow(),
        };
        lock (_lock)
            _interactions[id] = interaction;

        var user = UserJson(userId, UserName(userId, bot: false), bot: false);
        var json = new JsonObject
        {
            ["id"] = Id(id),
            ["application_id"] = Id(ApplicationId),
            ["type"] = type,
            ["data"] = data,
            ["channel_id"] = Id(channelId),
            ["token"] = interaction.Token,
            ["version"] = 1,
            ["app_permissions"] = "0",
        };
        if (message is not null)
            json["message"] = message;
        if (directMessage)
        {
            json["user"] = user;
        }
        else
        {
            json["guild_id"] = Id(GuildOf(channelId) ?? GuildId);
            json["member"] = new JsonObject
            {
                ["user"] = user,
                ["roles"] = new JsonArray([.. (roleIds ?? []).Select(r => JsonValue.Create(Id(r)))]),
                ["permissions"] = permissions.ToString(CultureInfo.InvariantCulture),
            };
        }
        Changed();
        await DispatchAsync("INTERACTION_CREATE", json).ConfigureAwait(false);
        return interaction;
    }

    private JsonObject MessageJson(SimMessage message, JsonObject author)
    {
        var json = new JsonObject
        {
            ["id"] = Id(message.Id),
            ["channel_id"] = Id(message.ChannelId),
            ["author"] = author,
            ["content"] = message.Content,
            ["timestamp"] = message.Timestamp.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            ["type"] = message.ReplyToMessageId is null ? 0 : 19,
            ["mentions"] = new JsonArray([.. message.MentionUserIds.Select(id =>
                (JsonNode)(id == BotUserId ? BotUserJson() : UserJson(id, $"user{id % 1000}", bot: false)))]),
            ["mention_roles"] = new JsonArray(),
            ["mention_everyone"] = message.Content.Contains("@everyone", StringComparison.Ordinal),
            ["pinned"] = false,
            ["tts"] = false,
        };
        if (message.GuildId is { } guild)
            json["guild_id"] = Id(guild);
        if (message.ReplyToMessageId is { } reply)
            json["message_reference"] = new JsonObject { ["type"] = 0, ["message_id"] = Id(reply), ["channel_id"] = Id(message.ChannelId) };
        if (message.Components is { } components)
            json["components"] = components.DeepClone();
        if (message.Nonce is { } nonce)
            json["nonce"] = nonce;
        return json;
    }

    // ---- REST ----

    private async Task HandleRestAsync(HttpContext context, string path)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);

        var recorded = new RecordedRequest
        {
            Method = request.Method,
            Path = path,
            Query = request.QueryString.Value ?? "",
            Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Body = body,
            At = Time.GetUtcNow(),
        };
        lock (_lock)
            _requests.Add(recorded);
        Changed();

        var response = context.Response;
        try
        {
            await RespondAsync(context, recorded).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (timeout); what it asked for may already have happened.
        }
        recorded.Status = response.StatusCode;
        Changed();
    }

    private async Task RespondAsync(HttpContext context, RecordedRequest request)
    {
        var (routeKey, major, isInteraction) = RouteOf(request.Method, request.Path);
        if (routeKey is null)
        {
            await ErrorAsync(context, 404, 0, "404: Not Found").ConfigureAwait(false);
            return;
        }
        if (!isInteraction && request.Header("Authorization") != "Bot " + Token)
        {
            await ErrorAsync(context, 401, 0, "401: Unauthorized").ConfigureAwait(false);
            return;
        }

        var fault = TakeFault(request.Method, request.Path);
        switch (fault?.Kind)
        {
            case RestFaultKind.RateLimited:
                await TooManyRequestsAsync(context, routeKey, major, fault.RetryAfterSeconds, global: false).ConfigureAwait(false);
                return;
            case RestFaultKind.GlobalRateLimited:
                await TooManyRequestsAsync(context, routeKey, major, fault.RetryAfterSeconds, global: true).ConfigureAwait(false);
                return;
            case RestFaultKind.ServerError:
                await ErrorAsync(context, fault.Status, 0, "Internal Server Error").ConfigureAwait(false);
                return;
        }

        if (!isInteraction && CheckGlobalPause() is { } pause)
        {
            lock (_lock)
                _limitViolations.Add($"{request.Method} {request.Path} during the global pause ({pause.TotalMilliseconds:0} ms left)");
            await TooManyRequestsAsync(context, routeKey, major, pause.TotalSeconds, global: true).ConfigureAwait(false);
            return;
        }
        if (!TryConsume(routeKey, major, out var remaining, out var resetAfter))
        {
            lock (_lock)
                _limitViolations.Add($"{request.Method} {request.Path} with its bucket exhausted ({resetAfter.TotalMilliseconds:0} ms to reset)");
            await TooManyRequestsAsync(context, routeKey, major, resetAfter.TotalSeconds, global: false).ConfigureAwait(false);
            return;
        }

        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = RouteLimit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset-After"] = Seconds(resetAfter.TotalSeconds);
        headers["X-RateLimit-Reset"] = Seconds((Time.GetUtcNow() + resetAfter).ToUnixTimeMilliseconds() / 1000.0);
        headers["X-RateLimit-Bucket"] = BucketHash(routeKey);

        var (status, result) = await ExecuteAsync(request, context.Request.ContentType).ConfigureAwait(false);
        if (fault?.Kind == RestFaultKind.SlowResponse)
            await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = status;
        if (result is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(result.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static readonly Regex GatewayBot = new(@"^/gateway/bot$");
    private static readonly Regex ChannelMessages = new(@"^/channels/(\d+)/messages$");
    private static readonly Regex ChannelMessage = new(@"^/channels/(\d+)/messages/(\d+)$");
    private static readonly Regex MessageThreads = new(@"^/channels/(\d+)/messages/(\d+)/threads$");
    private static readonly Regex GuildCommands = new(@"^/applications/(\d+)/guilds/(\d+)/commands$");
    private static readonly Regex InteractionCallback = new(@"^/interactions/(\d+)/([^/]+)/callback$");
    private static readonly Regex OriginalResponse = new(@"^/webhooks/(\d+)/([^/]+)/messages/@original$");
    private static readonly Regex Followup = new(@"^/webhooks/(\d+)/([^/]+)$");

    /// <summary>Discord's bucket identity: route template plus major parameter; interactions skip the global limit.</summary>
    private static (string? Route, string Major, bool IsInteraction) RouteOf(string method, string path)
    {
        Match m;
        if (method == "GET" && GatewayBot.IsMatch(path))
            return ("GET /gateway/bot", "", false);
        if (method is "GET" or "POST" && (m = ChannelMessages.Match(path)).Success)
            return ($"{method} /channels/{{c}}/messages", m.Groups[1].Value, false);
        if (method == "PATCH" && (m = ChannelMessage.Match(path)).Success)
            return ("PATCH /channels/{c}/messages/{m}", m.Groups[1].Value, false);
        if (method == "POST" && (m = MessageThreads.Match(path)).Success)
            return ("POST /channels/{c}/messages/{m}/threads", m.Groups[1].Value, false);
        if (method == "PUT" && (m = GuildCommands.Match(path)).Success)
            return ("PUT /applications/{a}/guilds/{g}/commands", m.Groups[2].Value, false);
        if (method == "POST" && (m = InteractionCallback.Match(path)).Success)
            return ("POST /interactions/{i}/{t}/callback", m.Groups[1].Value, true);
        if (method == "PATCH" && (m = OriginalResponse.Match(path)).Success)
            return ("PATCH /webhooks/{a}/{t}/messages/@original", m.Groups[2].Value, true);
        if (method == "POST" && (m = Followup.Match(path)).Success)
            return ("POST /webhooks/{a}/{t}", m.Groups[2].Value, true);
        return (null, "", false);
    }

    private static string BucketHash(string routeKey) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(routeKey)))[..16];

    private RestFault? TakeFault(string method, string path)
    {
        lock (_lock)
        {
            var fault = _faults.FirstOrDefault(f => f.Remaining > 0 && f.Matches(method, path));
            if (fault is not null)
                fault.Remaining--;
            return fault;
        }
    }

    private TimeSpan? CheckGlobalPause()
    {
        lock (_lock)
        {
            var left = _globalPauseUntil - Time.GetUtcNow();
            return left > TimeSpan.Zero ? left : null;
        }
    }

    /// <summary>Counts the request in its bucket's window; false if the client ignored an exhausted bucket.</summary>
    private bool TryConsume(string routeKey, string major, out int remaining, out TimeSpan resetAfter)
    {
        var now = Time.GetUtcNow();
        lock (_lock)
        {
            var key = routeKey + "|" + major;
            if (!_rateWindows.TryGetValue(key, out var window) || now >= window.ResetAt)
                _rateWindows[key] = window = new RateWindow { ResetAt = now + RouteWindow, Remaining = RouteLimit };
            resetAfter = window.ResetAt - now;
            if (window.Remaining == 0)
            {
                remaining = 0;
                return false;
            }
            remaining = --window.Remaining;
            return true;
        }
    }

    private async Task TooManyRequestsAsync(HttpContext context, string routeKey, string major, double retryAfter, bool global)
    {
        var now = Time.GetUtcNow();
        lock (_lock)
        {
            if (global)
            {
                _globalPauseUntil = now + TimeSpan.FromSeconds(retryAfter);
            }
            else
            {
                // The bucket stays shut until retry_after has passed; a client that comes back earlier is in violation.
                _rateWindows[routeKey + "|" + major] = new RateWindow { ResetAt = now + TimeSpan.FromSeconds(retryAfter), Remaining = 0 };
            }
        }
        var headers = context.Response.Headers;
        headers["Retry-After"] = Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Scope"] = global ? "global" : "user";
        if (global)
        {
            headers["X-RateLimit-Global"] = "true";
        }
        else
        {
            headers["X-RateLimit-Limit"] = RouteLimit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = "0";
            headers["X-RateLimit-Reset-After"] = Seconds(retryAfter);
            headers["X-RateLimit-Bucket"] = BucketHash(routeKey);
        }
        context.Response.StatusCode = 429;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["message"] = "You are being rate limited.",
            ["retry_after"] = retryAfter,
            ["global"] = global,
        }.ToJsonString()).ConfigureAwait(false);
    }

    // Rounded up, as Discord does: waiting the advertised time must always be enough.
    private static string Seconds(double seconds) => (Math.Ceiling(seconds * 1000) / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    private static async Task ErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["message"] = message, ["code"] = code }.ToJsonString()).ConfigureAwait(false);
    }

    private sealed class RateWindow
    {
        public DateTimeOffset ResetAt { get; init; }
        public int Remaining { get; set; }
    }
}
