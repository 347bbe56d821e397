namespace SleepBot.Discord.Models;

/// <summary>A message as Discord sends it (MESSAGE_CREATE, or a REST response).</summary>
public sealed record DiscordMessage
{
    public ulong Id { get; init; }
    public ulong ChannelId { get; init; }

    /// <summary>Absent in direct messages.</summary>
    public ulong? GuildId { get; init; }
    public DiscordUser Author { get; init; } = new();
    public GuildMember? Member { get; init; }
    public string Content { get; init; } = "";
    public DateTimeOffset Timestamp { get; init; }
    public int Type { get; init; }
    public ulong? WebhookId { get; init; }
    public IReadOnlyList<DiscordUser> Mentions { get; init; } = [];
    public IReadOnlyList<ulong> MentionRoles { get; init; } = [];
    public bool MentionEveryone { get; init; }
    public MessageReference? MessageReference { get; init; }

    /// <summary>The thread started from this message, if any; its id equals the message id.</summary>
    public DiscordChannel? Thread { get; init; }

    public bool IsDirectMessage => GuildId is null;

    public override string ToString() => $"Message {Id} in channel {ChannelId} by {Author.Id}";
}

public sealed record MessageReference
{
    public ulong? MessageId { get; init; }
    public ulong? ChannelId { get; init; }
    public ulong? GuildId { get; init; }
}

public sealed record DiscordChannel
{
    public ulong Id { get; init; }
    public int Type { get; init; }
    public ulong? GuildId { get; init; }
    public ulong? ParentId { get; init; }
    public string? Name { get; init; }
}
