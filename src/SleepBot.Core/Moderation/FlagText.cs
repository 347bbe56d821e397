using System.Globalization;
using System.Text.Json;
using SleepBot.Safety;

namespace SleepBot.Moderation;

/// <summary>How flags read to moderators, the same in the terminal and in Discord.</summary>
public static class FlagText
{
    public static string Name(FlagStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    public static string Name(FlagActionKind action) => JsonNamingPolicy.SnakeCaseLower.ConvertName(action.ToString());

    public static string Name(SafetyTier tier) => JsonNamingPolicy.SnakeCaseLower.ConvertName(tier.ToString());

    public static string Categories(SafetyVerdict verdict) =>
        verdict.Categories.Count == 0 ? "none" : string.Join(", ", verdict.Categories.Select(c => JsonNamingPolicy.SnakeCaseLower.ConvertName(c.ToString())));

    public static string Signals(SafetyVerdict verdict) => verdict.Signals.Count == 0 ? "none" : string.Join("; ", verdict.Signals);

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"resolved by 123 at 2026-11-22 13:05 UTC: called the parent"</summary>
    public static string Describe(FlagAuditEntry entry) =>
        $"{Name(entry.Action)}{(entry.ModeratorId is { } who ? " by " + who : "")} at {Time(entry.At)}{(entry.Note is { } note ? ": " + note : "")}";

    /// <summary>Why a decision was refused: the flag's current status and who put it there.</summary>
    public static string Refusal(FlagRecord flag, FlagDecision decision) =>
        $"Flag {flag.Id} is already {Name(flag.Status)} ({Describe(flag.LastDecision)}), so it cannot be {Past(decision)} now.";

    public static string Past(FlagDecision decision) => decision switch
    {
        FlagDecision.Acknowledge => "acknowledged",
        FlagDecision.Resolve => "resolved",
        FlagDecision.FalseAlarm => "marked a false alarm",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };
}
