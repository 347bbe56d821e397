using System.Text.Json;

namespace SleepBot.Discord.Models;

public enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
    ModalSubmit = 5,
}

/// <summary>An INTERACTION_CREATE payload: a slash command or a button click.</summary>
public sealed record DiscordInteraction
{
    public ulong Id { get; init; }
    public ulong ApplicationId { get; init; }
    public InteractionType Type { get; init; }
    public InteractionData? Data { get; init; }
    public ulong? GuildId { get; init; }
    public ulong? ChannelId { get; init; }

    /// <summary>Set in guilds.</summary>
    public GuildMember? Member { get; init; }

    /// <summary>Set in direct messages.</summary>
    public DiscordUser? User { get; init; }

    /// <summary>Valid 15 minutes for follow-ups; a credential, so kept out of <see cref="ToString"/>.</summary>
    public string Token { get; init; } = "";

    /// <summary>The message holding the clicked component.</summary>
    public DiscordMessage? Message { get; init; }

    public DiscordUser? Invoker => Member?.User ?? User;

    /// <summary>The value of a top-level string option of a slash command, if given.</summary>
    public string? GetStringOption(string name) =>
        Data?.Options.FirstOrDefault(o => o.Name == name)?.Value is { ValueKind: JsonValueKind.String } value
            ? value.GetString()
            : null;

    public override string ToString() => $"Interaction {Id} ({Type}) in channel {ChannelId}";
}

public sealed record InteractionData
{
    /// <summary>Command name (application commands).</summary>
    public string? Name { get; init; }
    public IReadOnlyList<InteractionOption> Options { get; init; } = [];

    /// <summary>Component id (button clicks).</summary>
    public string? CustomId { get; init; }
    public int? ComponentType { get; init; }
}

public sealed record InteractionOption
{
    public string Name { get; init; } = "";
    public int Type { get; init; }
    public JsonElement? Value { get; init; }
    public IReadOnlyList<InteractionOption> Options { get; init; } = [];
}
