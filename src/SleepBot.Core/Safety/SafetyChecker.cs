using SleepBot.Knowledge;

namespace SleepBot.Safety;

// Interim shapes so the pipeline compiles; the safety branch replaces this file with the real engine.
public sealed class SafetyRuleFile
{
    public static SafetyRuleFile? Parse(string relativePath, string yamlText, ICollection<KnowledgeProblem> problems) => new();
}

public sealed class SafetyRuleSet
{
    public static SafetyRuleSet Empty { get; } = new();

    public static SafetyRuleSet Combine(IEnumerable<SafetyRuleFile> files) => Empty;
}

public sealed class SafetyChecker(SafetyRuleSet rules)
{
    public SafetyRuleSet Rules { get; } = rules;

    public SafetyVerdict Check(string message) => SafetyVerdict.Clear;
}
