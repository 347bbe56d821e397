using SleepBot.Safety;

namespace SleepBot.Moderation;

/// <summary>A stored flag with its full audit trail, oldest action first.</summary>
/// <param name="Question">The parent's message; <c>null</c> once purged.</param>
/// <param name="Reply">The reply the bot sent; <c>null</c> once purged.</param>
public sealed record FlagRecord(
    long Id,
    DateTimeOffset CreatedAt,
    FlagStatus Status,
    string Origin,
    string? GuildId,
    string? ChannelId,
    string? MessageId,
    string? AuthorId,
    SafetyVerdict Verdict,
    string? Question,
    string? Reply,
    DateTimeOffset? TextPurgedAt,
    IReadOnlyList<FlagAuditEntry> Actions)
{
    /// <summary>The action that put the flag in its current status: who did what, and when.</summary>
    public FlagAuditEntry LastDecision => Actions.Last(a => a.Action is not FlagActionKind.TextPurged);

    /// <summary>A link to the parent's message, for flags that came from Discord.</summary>
    public string? MessageLink => GuildId is { } guild && ChannelId is { } channel && MessageId is { } message
        ? $"https://discord.com/channels/{guild}/{channel}/{message}"
        : null;
}

/// <param name="ModeratorId">Who acted (a Discord user id, or <c>terminal:user</c>); <c>null</c> for the bot's own actions.</param>
public sealed record FlagAuditEntry(FlagActionKind Action, string? ModeratorId, DateTimeOffset At, string? Note);

public enum FlagActionOutcome
{
    Applied,

    /// <summary>The flag's status no longer allows the decision (usually another moderator got there first).</summary>
    Refused,
    NotFound,
}

/// <summary>The result of a decision; <see cref="Flag"/> is the flag as it now stands (null when not found).</summary>
public sealed record FlagActionResult(FlagActionOutcome Outcome, FlagRecord? Flag);
