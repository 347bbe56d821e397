using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SleepBot.Knowledge;
using SleepBot.Storage;

namespace SleepBot.Tests.Knowledge;

public class CoverageLogTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero));
    private readonly SqliteDatabase _database;
    private readonly SqliteCoverageLog _log;
    private readonly CoverageQueue _queue;

    public CoverageLogTests()
    {
        var file = Path.Combine(Path.GetTempPath(), "sleepbot-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        _database = new SqliteDatabase($"Data Source={file}");
        _log = new SqliteCoverageLog(_database, Options.Create(new KnowledgeOptions { CoverageRetentionDays = 90 }), _time);
        _queue = new CoverageQueue(_time);
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

    [Fact]
    public async Task A_record_waits_for_another_writer_of_the_process_without_blocking_its_thread()
    {
        // Answers in a burst record their gaps at the same moment. A record that met another writer of the process
        // used to wait in SQLite's busy handler and Microsoft.Data.Sqlite's retries: thread-blocking sleeps that held
        // the parent's reply 0.25 to 1 s (the load test's unexplained stalls) and starved the thread pool.
        await _log.RecordAsync("warm up: schema and connection pool", 0.1, default);
        Task record;
        var call = System.Diagnostics.Stopwatch.StartNew();
        using (await _database.WriteLockAsync(default))
        {
            // Another writer of this process mid-write: it holds SQLite's write lock too.
            await using var other = await _database.OpenAsync(default);
            await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await other.BeginTransactionAsync(default);
            await using (var insert = other.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO unanswered_questions (asked_at, question, best_score) VALUES ('2026-11-01T03:00:00.0000000+00:00', 'other writer', 0.1)";
                await insert.ExecuteNonQueryAsync(default);
            }

            call.Restart();
            record = _log.RecordAsync("a question about naps and wake windows", 0.1, default);
            var returnedAfter = call.Elapsed;
            Assert.False(record.IsCompleted, $"the record blocked its caller for {returnedAfter.TotalMilliseconds:0} ms instead of waiting its turn");
            Assert.True(returnedAfter < TimeSpan.FromMilliseconds(100), $"the record blocked its caller for {returnedAfter.TotalMilliseconds:0} ms");
            await Task.Delay(300);
            await transaction.CommitAsync(default);
        }

        await record;
        var gaps = await _log.ReportAsync(default);
        Assert.Equal(3, gaps.Sum(g => g.Count));
    }

    [Fact]
    public async Task A_queued_question_keeps_the_time_it_was_asked_and_what_is_queued_at_stop_is_still_written()
    {
        await _log.RecordAsync("warm up: schema and connection pool", 0.1, default);
        var writer = new CoverageWriter(_queue, _log, NullLogger<CoverageWriter>.Instance);
        await writer.StartAsync(default);
        Task stopping;
        using (await _database.WriteLockAsync(default))
        {
            // The writer waits for the lock on the first question; the others queue behind it.
            await _queue.RecordAsync("does white noise help my baby sleep?", 0.1, default);
            _time.Advance(TimeSpan.FromDays(1));
            await _queue.RecordAsync("how do i make pizza dough", 0.0, default);
            await _queue.RecordAsync("white noise: does it help baby sleep??", 0.15, default);
            _time.Advance(TimeSpan.FromDays(1));
            stopping = writer.StopAsync(default);
            await Assert.ThrowsAsync<InvalidOperationException>(() => _queue.RecordAsync("asked after the stop", 0.1, default));
        }

        await stopping;
        var gaps = await _log.ReportAsync(default);
        Assert.Equal(4, gaps.Sum(g => g.Count));
        var whiteNoise = gaps.Single(g => g.Example == "does white noise help my baby sleep?");
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero), whiteNoise.FirstAsked);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero), whiteNoise.LastAsked);
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public async Task A_full_queue_refuses_the_question_instead_of_holding_the_reply()
    {
        for (var i = 0; i < CoverageQueue.Capacity; i++)
        {
            await _queue.RecordAsync($"question {i}", 0.1, default);
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _queue.RecordAsync("one too many", 0.1, default));
        Assert.Contains("full", refused.Message, StringComparison.Ordinal);
    }
}
