namespace SleepBot.Discord.Models;

public sealed record DiscordUser
{
    public ulong Id { get; init; }
    public string Username { get; init; } = "";
    public string? GlobalName { get; init; }
    public bool Bot { get; init; }
}

public sealed record GuildMember
{
    /// <summary>Set in interactions; absent in MESSAGE_CREATE, where the author is the user.</summary>
    public DiscordUser? User { get; init; }
    public IReadOnlyList<ulong> Roles { get; init; } = [];
    public string? Nick { get; init; }

    /// <summary>Effective channel permission bits; sent only in interactions.</summary>
    public ulong? Permissions { get; init; }
}
