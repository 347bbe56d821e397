namespace SleepBot.Safety;

/// <summary>A parent's message with the tier and categories safety.md gives it: what the learned reading learns from.</summary>
public sealed record LabelledExample(string Id, string Text, SafetyTier Tier, IReadOnlyList<SafetyCategory> Categories);
