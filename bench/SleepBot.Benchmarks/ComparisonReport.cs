using System.Diagnostics;
using SleepBot.Evaluation;
using SleepBot.Knowledge;
using SleepBot.Retrieval;

namespace SleepBot.Benchmarks;

/// <summary>
/// Per-query latency percentiles and hit@1 (the top entry's topic is the labelled one) for SleepBot's index and
/// the Lucene baseline, on the shipped folder and on 10,000 entries, plus the 10k index build time.
/// </summary>
internal static class ComparisonReport
{
    private const int Passes = 20;

    public static void Run(TextWriter output)
    {
        var questions = BenchmarkServices.TopicQuestions();
        output.WriteLine($"{questions.Count} labelled questions, {Passes} timed passes after warm-up, top 3 hits, {Environment.ProcessorCount} cores");
        output.WriteLine();
        output.WriteLine("| knowledge | engine | entries | hit@1 | p50 µs | p99 µs | mean µs |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|");

        Compare(output, "shipped", Repository.Knowledge, questions);
        using var synthetic = SyntheticKnowledge.Create(10_000);
        Compare(output, "10k", synthetic.Path, questions);

        var entries = RetrievalBenchmarks.SearchableEntries(new KnowledgeFolder(synthetic.Path).Load(DateTimeOffset.UtcNow));
        output.WriteLine();
        output.WriteLine($"10k index build, median of 5: SleepBot {MedianMilliseconds(() => SearchIndex.Build(entries)):F0} ms, "
            + $"Lucene {MedianMilliseconds(() => LuceneBaseline.Build(entries).Dispose()):F0} ms");
    }

    private static void Compare(TextWriter output, string name, string folder, IReadOnlyList<LabelledQuestion> questions)
    {
        var entries = RetrievalBenchmarks.SearchableEntries(new KnowledgeFolder(folder).Load(DateTimeOffset.UtcNow));
        var index = SearchIndex.Build(entries);
        using var lucene = LuceneBaseline.Build(entries);
        lucene.VerifyDocumentOrder();

        Row(output, name, "SleepBot", entries.Count, questions, q => index.Search(q, 3).Select(h => h.Entry).ToList());
        Row(output, name, "Lucene.Net BM25", entries.Count, questions, q => lucene.Search(q, 3));
    }

    private static void Row(TextWriter output, string knowledge, string engine, int entries, IReadOnlyList<LabelledQuestion> questions, Func<string, IReadOnlyList<KnowledgeEntry>> search)
    {
        var hits = questions.Count(q => search(q.Text) is [var top, ..] && top.Topic == q.Topic);

        // Warm-up long enough for tiered compilation to reach optimised code.
        var warmUpUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < warmUpUntil)
        {
            foreach (var question in questions)
            {
                search(question.Text);
            }
        }

        var ticks = new List<long>(questions.Count * Passes);
        for (var pass = 0; pass < Passes; pass++)
        {
            foreach (var question in questions)
            {
                var start = Stopwatch.GetTimestamp();
                search(question.Text);
                ticks.Add(Stopwatch.GetTimestamp() - start);
            }
        }

        var latency = LatencySummary.FromTicks(ticks);
        output.WriteLine($"| {knowledge} | {engine} | {entries} | {(double)hits / questions.Count:P1} | {latency.P50Microseconds} | {latency.P99Microseconds} | {latency.MeanMicroseconds} |");
    }

    private static double MedianMilliseconds(Action action)
    {
        var times = Enumerable.Range(0, 5).Select(_ =>
        {
            var start = Stopwatch.GetTimestamp();
            action();
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }).Order().ToArray();
        return times[times.Length / 2];
    }
}
