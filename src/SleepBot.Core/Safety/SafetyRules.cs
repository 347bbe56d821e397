namespace SleepBot.Safety;

/// <summary>A sign parents describe in words: any of its phrases found (and not negated, resolved or hypothetical) counts.</summary>
/// <param name="Tier">None makes the sign a marker that only matters inside a combination.</param>
/// <param name="YoungTier">Tier when the baby is under 3 months; such illness signs then count as <see cref="SafetyCategory.YoungInfant"/>.</param>
/// <param name="NewbornTier">Tier when the baby is under a month old.</param>
/// <param name="ToddlerTier">Tier when the baby is a year old or more (§3.5: a minor head bump needs review only under 1 year).</param>
/// <param name="UnlessBefore">Phrases that cancel this sign when they come just before it ("nearly" before "shook him").</param>
/// <param name="ClearedBy">Which resolved-past cues can clear it (R3): an injury is an event, so only time distance does.</param>
internal sealed record SignRule(
    string Id,
    SafetyCategory Category,
    SafetyTier Tier,
    SafetyTier? YoungTier,
    SafetyTier? NewbornTier,
    string Signal,
    IReadOnlyList<string> Phrases,
    IReadOnlyList<string> UnlessBefore,
    ClearedBy ClearedBy = ClearedBy.Any,
    SafetyTier? ToddlerTier = null);

/// <summary>
/// The <c>cleared_by:</c> option of a sign. A state ("fine now", "all better") ends an illness but not an event:
/// a fall or a shake has happened even if the baby seems fine (safety.md §3.5); only distance in time ("last month") ends it.
/// </summary>
internal enum ClearedBy
{
    /// <summary>Both <c>resolved</c> (state) and <c>resolved_time</c> (time distance) cues clear the sign.</summary>
    Any,

    /// <summary>Only <c>resolved_time</c> cues clear the sign.</summary>
    Time,
}

/// <summary>Signs that together mean more than apart, e.g. a rash with a fever.</summary>
/// <param name="When">Sign ids, or the fact <c>fever</c>; all must be present.</param>
/// <param name="WithOtherSign">Also needs some other sign that has a tier of its own.</param>
/// <param name="UnderWeeks">Only when the baby's age is known and below this many weeks.</param>
/// <param name="Line">Where it is written, so a problem found across files can point at it.</param>
internal sealed record ComboRule(
    string Id,
    IReadOnlyList<string> When,
    bool WithOtherSign,
    double? UnderWeeks,
    SafetyTier Tier,
    SafetyCategory Category,
    string Signal,
    int Line);

/// <summary>Word lists the mechanics use; each kind is named in the rule files in snake_case.</summary>
internal enum CueKind
{
    Negation,
    PseudoNegation,
    NotASign,
    NegationAfter,
    NegationStop,
    ClauseBreak,
    Hypothetical,
    HypotheticalQuestion,
    Resolved,
    Current,
    Injection,
    Vaccine,
    VaccineRecent,
    Newborn,
    TemperatureContext,

    /// <summary>The room, the weather or the bath: a temperature next to these is not the baby's.</summary>
    Surroundings,

    /// <summary>Someone else is ill ("husband has flu"): illness signs after it in the sentence are theirs until the baby is named.</summary>
    SomeoneElseIll,

    /// <summary>Words that name the baby ("she", "LO", "the baby"): illness signs after them are the baby's again.</summary>
    BabyMention,
    NotAgeBefore,
    NotAgeAfter,

    /// <summary>R3 by distance in time ("last week", "months ago"): clears every sign, events included.</summary>
    ResolvedTime,
}
