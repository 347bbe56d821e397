using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;
using SleepBot.Knowledge;
using SleepBot.Retrieval;

namespace SleepBot.Benchmarks;

/// <summary>Building the index for 10,000 entries, with Lucene's for comparison.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class IndexBuildBenchmarks
{
    private SyntheticKnowledge _synthetic = null!;
    private List<KnowledgeEntry> _entries = null!;

    [GlobalSetup]
    public void Setup()
    {
        _synthetic = SyntheticKnowledge.Create(10_000);
        _entries = RetrievalBenchmarks.SearchableEntries(new KnowledgeFolder(_synthetic.Path).Load(DateTimeOffset.UtcNow));
    }

    [GlobalCleanup]
    public void Cleanup() => _synthetic.Dispose();

    [Benchmark(Baseline = true, Description = "Lucene.Net index, 10k entries")]
    public int Lucene()
    {
        using var lucene = LuceneBaseline.Build(_entries);
        return lucene.Count;
    }

    [Benchmark(Description = "SleepBot index, 10k entries")]
    public int SleepBot() => SearchIndex.Build(_entries).Count;
}

/// <summary>
/// Hot reload as the bot does it: one entry file is rewritten, then <see cref="KnowledgeStore.Reload"/> re-reads the
/// folder (unchanged files are recognised by hash) and builds a new index. On a temporary copy; the repository is never edited.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class HotReloadBenchmarks
{
    private SyntheticKnowledge _folder = null!;
    private KnowledgeStore _store = null!;
    private string _original = null!;
    private bool _edited;

    [Params(Scale.Shipped, Scale.TenThousand)]
    public Scale Knowledge { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Knowledge == Scale.TenThousand ? SyntheticKnowledge.Create(10_000) : SyntheticKnowledge.CopyOfShipped();
        _store = new KnowledgeStore(new KnowledgeFolder(_folder.Path), TimeProvider.System, NullLogger<KnowledgeStore>.Instance);
        _original = File.ReadAllText(_folder.EditableFile);
    }

    [GlobalCleanup]
    public void Cleanup() => _folder.Dispose();

    [Benchmark(Description = "edit one file, then reload")]
    public int EditAndReload()
    {
        // Alternate between two versions so every reload sees a real change.
        _edited = !_edited;
        File.WriteAllText(_folder.EditableFile, _edited ? _original.Replace("do not enjoy change", "do not like change", StringComparison.Ordinal) : _original);
        return _store.Reload().Entries.Count;
    }
}
