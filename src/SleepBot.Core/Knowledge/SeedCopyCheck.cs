namespace SleepBot.Knowledge;

/// <summary>
/// Finds runs of words an entry shares with a seed article: the knowledge must be written in its own words.
/// Lint-only, because the articles are not shipped with the bot.
/// </summary>
public static class SeedCopyCheck
{
    public const int RunLength = 8;

    public static void Run(string knowledgePath, IEnumerable<KnowledgeEntry> entries, string seedsPath, ICollection<KnowledgeProblem> problems)
    {
        if (!Directory.Exists(seedsPath))
        {
            problems.Add(new("", 0, ProblemSeverity.Warning, "seeds", $"Knowledge:SeedsPath '{seedsPath}' does not exist, so copied text was not checked."));
            return;
        }

        var seedRuns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var seed in Directory.EnumerateFiles(seedsPath, "*.txt"))
        {
            var words = Words(File.ReadAllText(seed)).Select(w => w.Word).ToList();
            for (var i = 0; i + RunLength <= words.Count; i++)
            {
                seedRuns.TryAdd(string.Join(' ', words.GetRange(i, RunLength)), Path.GetFileName(seed));
            }
        }

        foreach (var entry in entries)
        {
            var lines = File.ReadAllLines(Path.Combine(knowledgePath, entry.File));
            var words = lines.Skip(entry.BodyLine - 1)
                .SelectMany((line, index) => Words(line).Select(w => (w.Word, Line: entry.BodyLine + index)))
                .ToList();
            for (var i = 0; i + RunLength <= words.Count; i++)
            {
                var run = string.Join(' ', words.GetRange(i, RunLength).Select(w => w.Word));
                if (seedRuns.TryGetValue(run, out var seed))
                {
                    problems.Add(new(entry.File, words[i].Line, ProblemSeverity.Error, "copied-text",
                        $"\"{run}…\" is copied word for word from {seed}. Please say it in your own words."));
                    i += RunLength - 1;
                }
            }
        }
    }

    private static IEnumerable<(string Word, int Index)> Words(string text) =>
        Retrieval.TextAnalyzer.Words(text).Select((w, i) => (w, i));
}
