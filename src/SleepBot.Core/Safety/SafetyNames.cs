namespace SleepBot.Safety;

/// <summary>How the rule files and the example files spell tiers, categories and other enum values: in snake_case.</summary>
internal static class SafetyNames
{
    public static readonly Dictionary<string, SafetyTier> Tiers = Of<SafetyTier>();

    public static readonly Dictionary<string, SafetyCategory> Categories = Of<SafetyCategory>();

    /// <summary>Every value of the enum by its snake_case name, in declaration order.</summary>
    public static Dictionary<string, T> Of<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(value => SnakeCase(value.ToString()));

    public static string SnakeCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
