using BenchmarkDotNet.Attributes;
using SleepBot.Knowledge;
using SleepBot.Retrieval;

namespace SleepBot.Benchmarks;

/// <summary>
/// SleepBot's index against the Lucene.Net BM25 baseline: the same entries, the same 182 labelled questions,
/// top three hits, on the shipped folder and on 10,000 entries. Per query; the Ratio column is the speed ratio.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class RetrievalBenchmarks
{
    private const int QuestionCount = 182;

    private SyntheticKnowledge? _synthetic;
    private SearchIndex _index = null!;
    private LuceneBaseline _lucene = null!;
    private string[] _questions = null!;

    [Params(Scale.Shipped, Scale.TenThousand)]
    public Scale Knowledge { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = Repository.Knowledge;
        if (Knowledge == Scale.TenThousand)
        {
            _synthetic = SyntheticKnowledge.Create(10_000);
            path = _synthetic.Path;
        }

        var entries = SearchableEntries(new KnowledgeFolder(path).Load(DateTimeOffset.UtcNow));
        _index = SearchIndex.Build(entries);
        _lucene = LuceneBaseline.Build(entries);
        _lucene.VerifyDocumentOrder();
        _questions = [.. BenchmarkServices.TopicQuestions().Select(q => q.Text)];
        if (_questions.Length != QuestionCount)
        {
            throw new InvalidOperationException($"The labelled set holds {_questions.Length} questions; update {nameof(QuestionCount)}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _lucene.Dispose();
        _synthetic?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = QuestionCount, Description = "Lucene.Net BM25")]
    public int Lucene()
    {
        var found = 0;
        foreach (var question in _questions)
        {
            found += _lucene.Search(question, 3).Count;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = QuestionCount, Description = "SleepBot index")]
    public int SleepBot()
    {
        var found = 0;
        foreach (var question in _questions)
        {
            found += _index.Search(question, 3).Count;
        }

        return found;
    }

    /// <summary>What the bot searches: every entry except the professional-help texts, which safety sends.</summary>
    internal static List<KnowledgeEntry> SearchableEntries(KnowledgeSnapshot snapshot) => [.. snapshot.Entries.Where(e => e.Tier is null)];
}

public enum Scale
{
    Shipped,
    TenThousand,
}
