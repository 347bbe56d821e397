using System.Diagnostics;

namespace SleepBot.Evaluation;

/// <summary>Percentiles of per-message timings taken with <see cref="Stopwatch.GetTimestamp"/>, in microseconds.</summary>
public sealed record LatencySummary(int Samples, double P50Microseconds, double P99Microseconds, double MeanMicroseconds, double MaxMicroseconds)
{
    public static LatencySummary FromTicks(IReadOnlyCollection<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0);
        }

        var sorted = ticks.Order().ToArray();
        return new LatencySummary(
            sorted.Length,
            Microseconds(Percentile(sorted, 0.50)),
            Microseconds(Percentile(sorted, 0.99)),
            Microseconds((long)sorted.Average()),
            Microseconds(sorted[^1]));
    }

    // Nearest rank: the smallest sample with at least p of the samples at or below it.
    private static long Percentile(long[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static double Microseconds(long ticks) => Math.Round(ticks * 1_000_000.0 / Stopwatch.Frequency, 2);
}
