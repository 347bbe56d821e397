namespace SleepBot.Discord.Models;

/// <summary>A message to post in a channel.</summary>
/// <remarks>
/// Pings are off: the client always sends <c>allowed_mentions: {"parse": []}</c>, so text quoted from a
/// parent ("@everyone") never pings anyone. Only the roles in <see cref="PingRoleIds"/> are pinged.
/// </remarks>
public sealed record MessageCreate(string Content)
{
    /// <summary>Posts the message as a reply to this message (in the same channel).</summary>
    public ulong? ReplyToMessageId { get; init; }
    public IReadOnlyList<ActionRow>? Components { get; init; }
    public IReadOnlyList<ulong> PingRoleIds { get; init; } = [];

    /// <summary>
    /// A nonce (at most 25 characters) kept across separate calls, e.g. by an outbox, so Discord dedupes every
    /// retry of the same post; when null each call gets a fresh one, which dedupes only that call's own retries.
    /// </summary>
    public string? Nonce { get; init; }
}

/// <summary>Changes to an existing message; <c>null</c> leaves a part unchanged.</summary>
public sealed record MessageEdit
{
    public string? Content { get; init; }
    public IReadOnlyList<ActionRow>? Components { get; init; }
}

/// <summary>The message part of an interaction reply or follow-up.</summary>
public sealed record InteractionMessage
{
    public string? Content { get; init; }
    public IReadOnlyList<ActionRow>? Components { get; init; }

    /// <summary>Only the invoking user sees it.</summary>
    public bool Ephemeral { get; init; }
}

public enum InteractionCallbackType
{
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
}

/// <summary>The first answer to an interaction, due within 3 seconds.</summary>
public sealed record InteractionResponse(InteractionCallbackType Type, InteractionMessage? Message = null)
{
    public static InteractionResponse Reply(InteractionMessage message) => new(InteractionCallbackType.ChannelMessageWithSource, message);

    /// <summary>"Thinking…": answer later with an edit of the original response.</summary>
    public static InteractionResponse Defer(bool ephemeral = false) =>
        new(InteractionCallbackType.DeferredChannelMessageWithSource, ephemeral ? new InteractionMessage { Ephemeral = true } : null);

    /// <summary>Acknowledges a button click without a visible change.</summary>
    public static InteractionResponse DeferUpdate() => new(InteractionCallbackType.DeferredUpdateMessage);

    /// <summary>Edits the message that holds the clicked button.</summary>
    public static InteractionResponse Update(InteractionMessage message) => new(InteractionCallbackType.UpdateMessage, message);
}

/// <summary>A slash command for <c>PUT /applications/{app}/guilds/{guild}/commands</c>.</summary>
public sealed record ApplicationCommand(string Name, string Description)
{
    public int Type { get; init; } = 1;
    public IReadOnlyList<ApplicationCommandOption> Options { get; init; } = [];

    /// <summary>Permission bits as a string; "0" shows the command to administrators only.</summary>
    public string? DefaultMemberPermissions { get; init; }
}

public sealed record ApplicationCommandOption(int Type, string Name, string Description)
{
    public const int SubCommandType = 1;
    public const int StringType = 3;
    public const int IntegerType = 4;

    /// <summary>A sub-command's own options.</summary>
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }
    public bool Required { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
}
