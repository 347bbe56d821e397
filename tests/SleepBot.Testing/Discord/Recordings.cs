using System.Text.Json.Nodes;

namespace SleepBot.Testing.Discord;

/// <summary>One HTTP request the simulator received, as it arrived.</summary>
public sealed class RecordedRequest
{
    public required string Method { get; init; }

    /// <summary>Path below the API base, e.g. <c>/channels/1/messages</c>.</summary>
    public required string Path { get; init; }
    public required string Query { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public required string Body { get; init; }
    public required DateTimeOffset At { get; init; }

    /// <summary>The status the simulator answered with; 0 while the response is pending.</summary>
    public int Status { get; internal set; }

    public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Method} {Path} -> {Status}";
}

/// <summary>One gateway message, in either direction.</summary>
public sealed record GatewayFrame(int ConnectionId, bool FromClient, int Op, string? EventName, int? Sequence, string Json, DateTimeOffset At)
{
    public JsonNode? Data => JsonNode.Parse(Json)?["d"];
}

/// <summary>One WebSocket connection the client opened.</summary>
public sealed class GatewayConnectionInfo
{
    public required int Id { get; init; }

    /// <summary><c>/gateway</c> (from /gateway/bot) or <c>/gateway-resume</c> (READY's resume_gateway_url).</summary>
    public required string Path { get; init; }
    public required string Query { get; init; }
    public bool Identified { get; internal set; }
    public bool Resumed { get; internal set; }
    public bool IsOpen { get; internal set; } = true;

    /// <summary>The close code the client sent, if it closed the connection.</summary>
    public int? ClientCloseCode { get; internal set; }
    public int? ServerCloseCode { get; internal set; }
    public bool Dropped { get; internal set; }
    public override string ToString() => $"#{Id} {Path}{Query} open={IsOpen} client-close={ClientCloseCode} server-close={ServerCloseCode}";
}

/// <summary>A message in a simulated channel, posted by a user (injected) or by the bot (REST).</summary>
public sealed class SimMessage
{
    public required ulong Id { get; init; }
    public required ulong ChannelId { get; init; }
    public required ulong? GuildId { get; init; }
    public required ulong AuthorId { get; init; }

    /// <summary>The author is a bot: this bot (<see cref="DiscordSimulator.BotUserId"/>) or another one.</summary>
    public required bool AuthorIsBot { get; init; }
    public required string Content { get; set; }
    public ulong? ReplyToMessageId { get; init; }
    public IReadOnlyList<ulong> MentionUserIds { get; init; } = [];
    public string? Nonce { get; init; }

    /// <summary>The interaction this message answers (original response or follow-up), if any.</summary>
    public ulong? InteractionId { get; init; }
    public bool Ephemeral { get; init; }

    /// <summary>The body the bot posted; null for injected messages.</summary>
    public JsonObject? RequestBody { get; init; }
    public JsonArray? Components { get; set; }
    public int EditCount { get; internal set; }

    /// <summary>Who Discord would notify: "everyone", "user:&lt;id&gt;", "role:&lt;id&gt;", given content and allowed_mentions.</summary>
    public IReadOnlyList<string> Pings { get; internal set; } = [];
    public required DateTimeOffset Timestamp { get; init; }
    public override string ToString() => $"#{Id} in {ChannelId} by {AuthorId}: {Content}";
}

/// <summary>An interaction the simulator dispatched and what the bot did with it.</summary>
public sealed class SimInteraction
{
    public required ulong Id { get; init; }
    public required string Token { get; init; }
    public required ulong? ChannelId { get; init; }
    public required ulong UserId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public int? CallbackType { get; internal set; }
    public JsonObject? CallbackData { get; internal set; }
    public DateTimeOffset? RespondedAt { get; internal set; }
    public int CallbackCount { get; internal set; }

    /// <summary>The original response message (type 4, or type 5 once edited).</summary>
    public SimMessage? Original { get; internal set; }
    public List<SimMessage> Followups { get; } = [];
}

public sealed record SimThread(ulong Id, ulong ParentChannelId, ulong? GuildId, string Name);

public sealed record CommandRegistration(ulong ApplicationId, ulong GuildId, JsonArray Commands, DateTimeOffset At);
