using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using SleepBot.Answering;
using SleepBot.Knowledge;

namespace SleepBot.Evaluation;

/// <param name="WarmUp">Time spent answering before anything is measured, so the JIT has reached its optimised code
/// (on a busy machine the background compiler needs well over a second).</param>
/// <param name="LatencyRun">Time spent answering one message at a time on one thread, for the latency percentiles.</param>
/// <param name="ThroughputRun">Time spent answering on every core at once, for messages per second.</param>
public sealed record PipelineBenchmarkSettings(TimeSpan WarmUp, TimeSpan LatencyRun, TimeSpan ThroughputRun)
{
    public static PipelineBenchmarkSettings Default { get; } = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2.5));
}

public sealed record ThroughputSummary(int Workers, int Messages, double Seconds, double MessagesPerSecond);

/// <param name="HitAt1">Share of topic-labelled questions whose reply's first source has the labelled topic.</param>
/// <param name="HitAt3">Share of topic-labelled questions with the labelled topic among retrieval's top three entries.</param>
/// <param name="OffTopicDeclined">Share of questions without a topic that got the no-match reply.</param>
public sealed record AccuracySummary(int Labelled, double HitAt1, double HitAt3, int OffTopic, double OffTopicDeclined);

public sealed record RouteCounts(int Answer, int ProfessionalHelp, int NoMatch);

public sealed record MachineSummary(int ProcessorCount, string Runtime, string Os, bool ServerGc);

public sealed record PipelineBenchmarkReport(
    int Questions,
    int KnowledgeEntries,
    LatencySummary Latency,
    long AllocatedBytesPerMessage,
    ThroughputSummary Throughput,
    AccuracySummary Accuracy,
    RouteCounts Routes,
    double PeakWorkingSetMegabytes,
    MachineSummary Machine);

/// <summary>
/// Measures the answer pipeline in-process over labelled questions: per-message latency on one thread,
/// messages per second on all cores, allocation per message, and whether the right topic came first.
/// Questions are rehearsals, so nothing is flagged or logged for the consultant while measuring.
/// </summary>
public sealed class PipelineBenchmark(AnswerPipeline pipeline, KnowledgeStore knowledge)
{
    public async Task<PipelineBenchmarkReport> RunAsync(IReadOnlyList<LabelledQuestion> set, PipelineBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        if (set.Count == 0)
        {
            throw new ArgumentException("At least one question is needed.", nameof(set));
        }

        var questions = set.Select(q => new Question(q.Text) { Origin = new MessageOrigin("cli"), Rehearsal = true }).ToArray();

        var replies = new BotReply[questions.Length];
        for (var i = 0; i < questions.Length; i++)
        {
            replies[i] = await pipeline.AnswerAsync(questions[i], cancellationToken);
        }

        await AnswerForAsync(questions, settings.WarmUp, cancellationToken);
        var (latency, allocated) = await MeasureLatencyAsync(questions, settings.LatencyRun, cancellationToken);
        var throughput = await MeasureThroughputAsync(questions, settings.ThroughputRun, cancellationToken);

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new PipelineBenchmarkReport(
            set.Count,
            knowledge.Current.Entries.Count,
            latency,
            allocated,
            throughput,
            Score(set, replies),
            new RouteCounts(
                replies.Count(r => r.Route == AnswerRoute.Answer),
                replies.Count(r => r.Route == AnswerRoute.ProfessionalHelp),
                replies.Count(r => r.Route == AnswerRoute.NoMatch)),
            Math.Round(process.PeakWorkingSet64 / (1024.0 * 1024.0), 1),
            new MachineSummary(Environment.ProcessorCount, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, GCSettings.IsServerGC));
    }

    private async Task AnswerForAsync(Question[] questions, TimeSpan duration, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + Ticks(duration);
        for (var i = 0; Stopwatch.GetTimestamp() < deadline; i = (i + 1) % questions.Length)
        {
            await pipeline.AnswerAsync(questions[i], cancellationToken);
        }
    }

    private async Task<(LatencySummary Latency, long AllocatedBytesPerMessage)> MeasureLatencyAsync(
        Question[] questions, TimeSpan duration, CancellationToken cancellationToken)
    {
        var samples = new List<long>(capacity: 200_000);
        var deadline = Stopwatch.GetTimestamp() + Ticks(duration);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        // Whole passes over the set, so every question weighs the same in the percentiles.
        do
        {
            foreach (var question in questions)
            {
                var start = Stopwatch.GetTimestamp();
                await pipeline.AnswerAsync(question, cancellationToken);
                samples.Add(Stopwatch.GetTimestamp() - start);
            }
        }
        while (Stopwatch.GetTimestamp() < deadline);

        // The sample list's own growth is counted too; at a few bytes per message it does not change the figure.
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / samples.Count;
        return (LatencySummary.FromTicks(samples), allocated);
    }

    private async Task<ThroughputSummary> MeasureThroughputAsync(Question[] questions, TimeSpan duration, CancellationToken cancellationToken)
    {
        var workers = Environment.ProcessorCount;
        var start = Stopwatch.GetTimestamp();
        var deadline = start + Ticks(duration);
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var answered = 0;
            var i = worker % questions.Length;
            do
            {
                await pipeline.AnswerAsync(questions[i], cancellationToken);
                answered++;
                i = (i + 1) % questions.Length;
            }
            while (Stopwatch.GetTimestamp() < deadline);

            return answered;
        }, cancellationToken)));

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var total = counts.Sum();
        return new ThroughputSummary(workers, total, Math.Round(seconds, 3), Math.Round(total / seconds));
    }

    private AccuracySummary Score(IReadOnlyList<LabelledQuestion> set, BotReply[] replies)
    {
        var index = knowledge.Current.Index;
        int labelled = 0, hitAt1 = 0, hitAt3 = 0, offTopic = 0, declined = 0;
        for (var i = 0; i < set.Count; i++)
        {
            if (set[i].Topic is not { } topic)
            {
                offTopic++;
                declined += replies[i].Route == AnswerRoute.NoMatch ? 1 : 0;
                continue;
            }

            labelled++;
            hitAt1 += replies[i].Route == AnswerRoute.Answer && replies[i].Sources[0].Topic == topic ? 1 : 0;
            hitAt3 += index.Search(set[i].Text, 3).Any(h => h.Entry.Topic == topic) ? 1 : 0;
        }

        return new AccuracySummary(labelled, Share(hitAt1, labelled), Share(hitAt3, labelled), offTopic, Share(declined, offTopic));
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 3);

    private static long Ticks(TimeSpan duration) => (long)(duration.TotalSeconds * Stopwatch.Frequency);
}
