using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SleepBot.Knowledge;
using SleepBot.Storage;

namespace SleepBot.Tests.Knowledge;

public class CoverageLogTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero));
    private readonly SqliteCoverageLog _log;

    public CoverageLogTests()
    {
        var file = Path.Combine(Path.GetTempPath(), "sleepbot-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        _log = new SqliteCoverageLog(new SqliteDatabase($"Data Source={file}"), Options.Create(new KnowledgeOptions { CoverageRetentionDays = 90 }), _time);
    }

    [Fact]
    public async Task Similar_wordings_are_grouped_most_frequent_first_with_dates()
    {
        await _log.RecordAsync("does white noise help my baby sleep?", 0.1, default);
        _time.Advance(TimeSpan.FromDays(1));
        await _log.RecordAsync("how do i make pizza dough", 0.0, default);
        await _log.RecordAsync("White noise: does it help baby sleep??", 0.15, default);
        _time.Advance(TimeSpan.FromDays(2));
        await _log.RecordAsync("will white noise help the baby sleep", 0.12, default);

        var gaps = await _log.ReportAsync(default);

        Assert.Equal(2, gaps.Count);
        var whiteNoise = gaps[0];
        Assert.Equal(3, whiteNoise.Count);
        Assert.Equal("does white noise help my baby sleep?", whiteNoise.Example);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero), whiteNoise.FirstAsked);
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 3, 0, 0, TimeSpan.Zero), whiteNoise.LastAsked);
        Assert.Equal(0.15, whiteNoise.BestScore);
        Assert.Equal(2, whiteNoise.Variants.Count);
        Assert.Equal(1, gaps[1].Count);
    }

    [Fact]
    public async Task Questions_older_than_the_retention_are_deleted()
    {
        await _log.RecordAsync("an old question about swaddles", 0.1, default);
        _time.Advance(TimeSpan.FromDays(91));
        await _log.RecordAsync("a new question about swaddles and sleep sacks", 0.1, default);

        var gaps = await _log.ReportAsync(default);

        Assert.Equal("a new question about swaddles and sleep sacks", Assert.Single(gaps).Example);
    }
}
