namespace SleepBot.Moderation;

/// <summary>Where a flag stands in the moderators' queue (snake_case in JSON and in the database).</summary>
public enum FlagStatus
{
    Open,
    Acknowledged,
    Resolved,
    FalseAlarm,
}

/// <summary>What happened to a flag, as recorded in its audit trail.</summary>
public enum FlagActionKind
{
    /// <summary>The bot stored the flag (before sending its reply).</summary>
    Created,
    Acknowledged,
    Resolved,
    FalseAlarm,

    /// <summary>The parent's message and the reply were deleted after the retention period.</summary>
    TextPurged,
}

/// <summary>A moderator's decision on a flag: the actions that change its status.</summary>
public enum FlagDecision
{
    Acknowledge,
    Resolve,
    FalseAlarm,
}

public static class FlagDecisions
{
    public static FlagStatus ResultingStatus(this FlagDecision decision) => decision switch
    {
        FlagDecision.Acknowledge => FlagStatus.Acknowledged,
        FlagDecision.Resolve => FlagStatus.Resolved,
        FlagDecision.FalseAlarm => FlagStatus.FalseAlarm,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    public static FlagActionKind RecordedAs(this FlagDecision decision) => decision switch
    {
        FlagDecision.Acknowledge => FlagActionKind.Acknowledged,
        FlagDecision.Resolve => FlagActionKind.Resolved,
        FlagDecision.FalseAlarm => FlagActionKind.FalseAlarm,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    /// <summary>
    /// The statuses a decision may be taken from. Resolved and false-alarm flags are closed: nothing reopens
    /// or re-acknowledges them, so a late click can never undo another moderator's decision.
    /// </summary>
    public static IReadOnlyList<FlagStatus> AllowedFrom(this FlagDecision decision) => decision switch
    {
        FlagDecision.Acknowledge => [FlagStatus.Open],
        FlagDecision.Resolve or FlagDecision.FalseAlarm => [FlagStatus.Open, FlagStatus.Acknowledged],
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    public static bool IsClosed(this FlagStatus status) => status is FlagStatus.Resolved or FlagStatus.FalseAlarm;
}
