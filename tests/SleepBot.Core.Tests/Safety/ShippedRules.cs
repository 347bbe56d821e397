using SleepBot.Knowledge;
using SleepBot.Safety;

namespace SleepBot.Core.Tests.Safety;

/// <summary>The real <c>knowledge/safety</c> rules of this checkout, loaded once for all tests.</summary>
internal static class ShippedRules
{
    private static readonly Lazy<(SafetyRuleSet Rules, IReadOnlyList<KnowledgeProblem> Problems)> Loaded = new(() =>
    {
        var problems = new List<KnowledgeProblem>();
        var rules = SafetyRuleSet.LoadDirectory(SafetyDirectory, problems);
        return (rules, problems);
    });

    private static readonly Lazy<SafetyChecker> SharedChecker = new(() => new SafetyChecker(Rules));

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SafetyDirectory => Path.Combine(RepoRoot, "knowledge", "safety");

    public static SafetyRuleSet Rules => Loaded.Value.Rules;

    public static IReadOnlyList<KnowledgeProblem> Problems => Loaded.Value.Problems;

    public static SafetyChecker Checker => SharedChecker.Value;

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SleepBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SleepBot.sln above {AppContext.BaseDirectory}.");
    }
}
