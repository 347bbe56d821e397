using System.Diagnostics;
using SleepBot.Evaluation;

namespace SleepBot.Core.Tests.Evaluation;

public sealed class LatencySummaryTests
{
    private static readonly long TicksPerMicrosecond = Stopwatch.Frequency / 1_000_000;

    [Fact]
    public void Percentiles_are_nearest_rank_in_microseconds()
    {
        // 1 µs to 100 µs, shuffled: the 50th and 99th smallest are the answers.
        var ticks = Enumerable.Range(1, 100).Select(us => us * TicksPerMicrosecond).OrderBy(t => t % 7).ToList();

        var summary = LatencySummary.FromTicks(ticks);

        Assert.Equal(new LatencySummary(100, 50, 99, 50.5, 100), summary with { MeanMicroseconds = Math.Round(summary.MeanMicroseconds, 1) });
    }

    [Fact]
    public void One_slow_message_in_a_hundred_sets_the_p99_but_not_the_p50()
    {
        var ticks = Enumerable.Repeat(10 * TicksPerMicrosecond, 99).Append(5_000 * TicksPerMicrosecond).ToList();

        var summary = LatencySummary.FromTicks(ticks);

        Assert.Equal(10, summary.P50Microseconds);
        Assert.Equal(10, summary.P99Microseconds);
        Assert.Equal(5_000, summary.MaxMicroseconds);
    }

    [Fact]
    public void No_samples_give_zeros() =>
        Assert.Equal(new LatencySummary(0, 0, 0, 0, 0), LatencySummary.FromTicks([]));
}
