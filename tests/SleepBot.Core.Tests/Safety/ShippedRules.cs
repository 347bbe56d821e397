using SleepBot.Knowledge;
using SleepBot.Safety;

namespace SleepBot.Core.Tests.Safety;

/// <summary>The real <c>knowledge/safety</c> rules and examples of this checkout, loaded once for all tests.</summary>
internal static class ShippedRules
{
    private static readonly Lazy<(SafetyRuleSet Rules, IReadOnlyList<KnowledgeProblem> Problems)> Loaded = new(() =>
    {
        var problems = new List<KnowledgeProblem>();
        var rules = SafetyRuleSet.LoadDirectory(SafetyDirectory, problems);
        return (rules, problems);
    });

    private static readonly Lazy<IReadOnlyList<LabelledExample>> LoadedExamples = new(() =>
    {
        var problems = new List<KnowledgeProblem>();
        var files = Directory.EnumerateFiles(ExamplesDirectory, "*.jsonl").Order(StringComparer.Ordinal)
            .Select(path => ExampleFile.Parse(Path.GetFileName(path), File.ReadAllText(path), problems)!)
            .ToList();
        Assert.Empty(problems);
        return [.. files.SelectMany(f => f.Examples)];
    });

    private static readonly Lazy<SafetyChecker> SharedChecker = new(() => new SafetyChecker(Rules, LearnedReading.Train(Examples)));

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SafetyDirectory => Path.Combine(RepoRoot, "knowledge", "safety");

    public static string ExamplesDirectory => Path.Combine(SafetyDirectory, ExampleFile.Folder);

    /// <summary>Every labelled message of <c>knowledge/safety/examples</c>, which is also the evaluation set.</summary>
    public static IReadOnlyList<LabelledExample> Examples => LoadedExamples.Value;

    public static SafetyRuleSet Rules => Loaded.Value.Rules;

    public static IReadOnlyList<KnowledgeProblem> Problems => Loaded.Value.Problems;

    /// <summary>The checker as the bot runs it: the rules, then the reading learned from the examples.</summary>
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
