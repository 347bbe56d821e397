using SleepBot.Core.Tests.Fuzz;
using SleepBot.Evaluation;
using SleepBot.Knowledge;

namespace SleepBot.Core.Tests.Evaluation;

/// <summary>What the bench verb reports besides timings: counts, routes and topic hits, checked on a tiny set.</summary>
public sealed class PipelineBenchmarkTests(ShippedPipeline bot) : IClassFixture<ShippedPipeline>
{
    private static readonly PipelineBenchmarkSettings Brief = new(TimeSpan.Zero, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));

    [Fact]
    public async Task Counts_routes_and_scores_topic_hits()
    {
        LabelledQuestion[] set =
        [
            new("hit", "my baby screams when I rock her to sleep and then put her down, what are sleep associations", "sleep_associations"),
            new("miss", "my baby screams when I rock her to sleep and then put her down, what are sleep associations", "methods"),
            new("off", "what's the best pizza in Rome?"),
        ];

        var report = await Benchmark().RunAsync(set, Brief, CancellationToken.None);

        Assert.Equal(3, report.Questions);
        Assert.Equal(new AccuracySummary(Labelled: 2, HitAt1: 0.5, HitAt3: 0.5, OffTopic: 1, OffTopicDeclined: 1), report.Accuracy);
        Assert.Equal(new RouteCounts(Answer: 2, ProfessionalHelp: 0, NoMatch: 1), report.Routes);
        Assert.True(report.Latency.Samples >= set.Length);
        Assert.True(report.Throughput.Messages >= report.Throughput.Workers);
    }

    [Fact]
    public async Task An_empty_set_is_refused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Benchmark().RunAsync([], Brief, CancellationToken.None));

    private PipelineBenchmark Benchmark() => new(bot.Pipeline, bot.Store);
}
