using System.Security.Cryptography;
using SleepBot.Safety;

namespace SleepBot.Knowledge;

/// <summary>
/// Reads the knowledge folder into snapshots, remembering each file's last good version so a broken edit
/// never takes an entry (or a safety rule) away from parents while the consultant fixes it.
/// Not thread-safe: one reload at a time (the store serialises them).
/// </summary>
public sealed class KnowledgeFolder
{
    public const string SafetyFolder = "safety";
    public const string ExamplesFolder = SafetyFolder + "/" + ExampleFile.Folder;

    private readonly Dictionary<string, CachedFile<KnowledgeEntry>> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CachedFile<SafetyRuleFile>> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CachedFile<ExampleFile>> _examples = new(StringComparer.Ordinal);
    private CachedFile<ArticleCatalog>? _articles;
    private static readonly Lock LastTrainedLock = new();
    private static (string Key, LearnedReading? Reading) s_lastTrained = ("", null);
    private (IReadOnlyList<ExampleFile> From, LearnedReading? Reading) _learned = ([], null);

    public KnowledgeFolder(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    /// <summary>Reads what changed since the last call and builds a new snapshot.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder is gone; callers keep serving what they have.</exception>
    public KnowledgeSnapshot Load(DateTimeOffset now)
    {
        if (!Directory.Exists(Path))
        {
            throw new DirectoryNotFoundException($"The knowledge folder '{Path}' does not exist (setting Knowledge:Path).");
        }

        var problems = new List<KnowledgeProblem>();
        var catalog = LoadArticles(problems);
        var entries = Refresh(_entries, Files("*.md").Where(f => !IsReadme(f)), KnowledgeFileParser.Parse, problems);
        var rules = Refresh(_rules, Files("*.yaml", SafetyFolder), SafetyRuleFile.Parse, problems);
        SafetyRuleSet.ReportUnknownNames(rules, problems);
        var learned = Learn(Refresh(_examples, Files("*.jsonl", ExamplesFolder), ExampleFile.Parse, problems));

        var served = KnowledgeChecks.Run(entries, catalog, problems);
        var index = Retrieval.SearchIndex.Build(served.Where(e => e.Tier is null));
        return new KnowledgeSnapshot(served, index, new SafetyChecker(SafetyRuleSet.Combine(rules), learned), catalog, problems, now);
    }

    // Training takes about a second, so it runs again only when an example file changed, not on every entry edit;
    // and because the same examples always train the same reading, another folder with them (a restored copy, each
    // test's copy of the shipped folder) reuses the last one trained in this process.
    private LearnedReading? Learn(List<ExampleFile> files)
    {
        if (files.SequenceEqual(_learned.From, ReferenceEqualityComparer.Instance))
        {
            return _learned.Reading;
        }

        var examples = files.SelectMany(f => f.Examples).ToList();
        var key = ExamplesKey(examples);
        lock (LastTrainedLock)
        {
            if (s_lastTrained.Key != key)
            {
                s_lastTrained = (key, LearnedReading.Train(examples));
            }

            _learned = (files, s_lastTrained.Reading);
        }

        return _learned.Reading;
    }

    private static string ExamplesKey(List<LabelledExample> examples)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var example in examples)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{example.Id}\u0001{example.Tier}\u0001{string.Join(',', example.Categories)}\u0001{example.Text}\u0002"));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private ArticleCatalog LoadArticles(List<KnowledgeProblem> problems)
    {
        var file = System.IO.Path.Combine(Path, ArticleCatalog.FileName);
        if (!File.Exists(file))
        {
            problems.Add(new(ArticleCatalog.FileName, 0, ProblemSeverity.Error, "articles", $"{ArticleCatalog.FileName} is missing: it lists the articles entries may name."));
            return _articles?.LastGood ?? ArticleCatalog.Empty;
        }

        var single = new Dictionary<string, CachedFile<ArticleCatalog>>(StringComparer.Ordinal);
        if (_articles is not null)
        {
            single[ArticleCatalog.FileName] = _articles;
        }

        var loaded = Refresh(single, [file], (_, text, found) => ArticleCatalog.Parse(text, found), problems);
        _articles = single.GetValueOrDefault(ArticleCatalog.FileName);
        return loaded.FirstOrDefault() ?? ArticleCatalog.Empty;
    }

    private List<T> Refresh<T>(
        Dictionary<string, CachedFile<T>> cache,
        IEnumerable<string> files,
        Func<string, string, ICollection<KnowledgeProblem>, T?> parse,
        List<KnowledgeProblem> problems)
        where T : class
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var served = new List<T>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var relative = Relative(file);
            seen.Add(relative);
            cache.TryGetValue(relative, out var cached);
            var current = Read(relative, file, cached, parse);
            cache[relative] = current;
            problems.AddRange(current.Problems);
            if (current.LastGood is { } good)
            {
                served.Add(good);
            }
        }

        foreach (var removed in cache.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            cache.Remove(removed);
        }

        return served;
    }

    private static CachedFile<T> Read<T>(string relative, string file, CachedFile<T>? cached, Func<string, string, ICollection<KnowledgeProblem>, T?> parse)
        where T : class
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (IOException ex)
        {
            return KeepLastGood(cached, new(relative, 0, ProblemSeverity.Error, "unreadable", $"The file could not be read: {ex.Message}"));
        }
        catch (UnauthorizedAccessException ex)
        {
            return KeepLastGood(cached, new(relative, 0, ProblemSeverity.Error, "unreadable", $"The file could not be read: {ex.Message}"));
        }

        var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        if (cached is not null && cached.Hash == hash)
        {
            return cached;
        }

        var problems = new List<KnowledgeProblem>();
        var parsed = parse(relative, text, problems);
        if (parsed is null && cached?.LastGood is not null)
        {
            problems.Add(new(relative, 0, ProblemSeverity.Warning, "last-good", "Until this is fixed, SleepBot keeps using the previous version of this file."));
            return new CachedFile<T>(hash, cached.LastGood, problems);
        }

        return new CachedFile<T>(hash, parsed, problems);
    }

    private static CachedFile<T> KeepLastGood<T>(CachedFile<T>? cached, KnowledgeProblem problem)
        where T : class =>
        new(cached?.Hash ?? "", cached?.LastGood, [problem]);

    private IEnumerable<string> Files(string pattern, string? under = null)
    {
        var root = under is null ? Path : System.IO.Path.Combine(Path, under);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var files = Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories);
        return under is null ? files.Where(f => !Relative(f).StartsWith(SafetyFolder + "/", StringComparison.Ordinal)) : files;
    }

    private string Relative(string file) => System.IO.Path.GetRelativePath(Path, file).Replace('\\', '/');

    private static bool IsReadme(string file) => System.IO.Path.GetFileName(file).Equals("README.md", StringComparison.OrdinalIgnoreCase);

    private sealed record CachedFile<T>(string Hash, T? LastGood, IReadOnlyList<KnowledgeProblem> Problems)
        where T : class;
}
