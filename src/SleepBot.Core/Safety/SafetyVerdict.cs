using System.Text.Json.Serialization;

namespace SleepBot.Safety;

/// <summary>
/// Severity of a distress message, ordered so that a larger value is more severe (rule R1: the highest wins).
/// Crisis sits above urgent because a parent at risk needs someone to talk to now, not later today.
/// </summary>
public enum SafetyTier
{
    None,
    Doctor,
    Urgent,
    Crisis,
    Emergency,
}

public enum SafetyCategory
{
    Illness,
    Hunger,
    YoungInfant,
    UnusualCry,
    Injury,
    ParentCrisis,
}

/// <summary>The contract's <c>safety</c> object: why a message was or was not routed to professional help.</summary>
/// <param name="Categories">Main reason first (rule R2 precedence).</param>
/// <param name="Signals">The words or facts found, e.g. <c>fever 39C</c>, <c>age 6 weeks</c>, for moderators.</param>
public sealed record SafetyVerdict(
    [property: JsonPropertyOrder(1)] SafetyTier Tier,
    [property: JsonPropertyOrder(2)] IReadOnlyList<SafetyCategory> Categories,
    [property: JsonPropertyOrder(3)] IReadOnlyList<string> Signals)
{
    public static SafetyVerdict Clear { get; } = new(SafetyTier.None, [], []);

    [JsonPropertyOrder(0)]
    public bool Distress => Tier != SafetyTier.None;
}
