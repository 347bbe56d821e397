using Microsoft.Extensions.Time.Testing;
using SleepBot.Moderation;
using SleepBot.Storage;

namespace SleepBot.Core.Tests.Moderation;

public sealed class ModeratorPostQueueTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task Every_stored_flag_is_queued_for_posting_with_its_own_nonce()
    {
        var store = _database.Store(_time);
        var first = await store.AddAsync(Flags.FromDiscord(Start, "1"), CancellationToken.None);
        var second = await store.AddAsync(Flags.FromDiscord(Start, "2"), CancellationToken.None);

        var due = await Queue().DueAsync(10, CancellationToken.None);

        Assert.Equal([first, second], due.Select(p => p.FlagId));
        Assert.All(due, p => Assert.InRange(p.Nonce.Length, 1, 25));
        Assert.NotEqual(due[0].Nonce, due[1].Nonce);
    }

    [Fact]
    public async Task A_failed_post_waits_until_its_retry_time_keeps_its_nonce_and_a_landed_post_is_done()
    {
        var id = await _database.Store(_time).AddAsync(Flags.FromDiscord(Start), CancellationToken.None);
        var queue = Queue();
        var nonce = (await queue.DueAsync(10, CancellationToken.None)).Single().Nonce;

        await queue.MarkFailedAsync(id, "503 from Discord", Start.AddSeconds(30), CancellationToken.None);
        Assert.Empty(await queue.DueAsync(10, CancellationToken.None));
        Assert.Equal(Start.AddSeconds(30), await queue.NextDueAtAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(30));
        var retry = Assert.Single(await queue.DueAsync(10, CancellationToken.None));
        Assert.Equal((nonce, 1), (retry.Nonce, retry.Attempts));

        await queue.MarkPostedAsync(retry, new ModeratorPostLocation("900", "901"), CancellationToken.None);
        Assert.Empty(await queue.DueAsync(10, CancellationToken.None));
        Assert.Null(await queue.NextDueAtAsync(CancellationToken.None));
        await using var connection = await _database.OpenRawAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT channel_id || '/' || message_id FROM moderator_posts WHERE flag_id = {id}";
        Assert.Equal("900/901", await select.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Decisions_and_purges_of_a_posted_flag_ask_for_its_post_to_be_edited()
    {
        var store = _database.Store(_time, retentionDays: 30);
        var queue = Queue();
        var posted = await store.AddAsync(Flags.FromDiscord(Start, "1"), CancellationToken.None);
        var unposted = await store.AddAsync(Flags.FromDiscord(Start, "2"), CancellationToken.None);
        await queue.MarkPostedAsync((await queue.DueAsync(1, CancellationToken.None)).Single(), new ModeratorPostLocation("900", "901"), CancellationToken.None);

        await store.DecideAsync(unposted, FlagDecision.Resolve, "mod", "done", CancellationToken.None);
        Assert.Empty(await queue.RefreshesDueAsync(10, CancellationToken.None));

        await store.DecideAsync(posted, FlagDecision.Acknowledge, "mod", null, CancellationToken.None, refreshPost: false);
        Assert.Empty(await queue.RefreshesDueAsync(10, CancellationToken.None));

        await store.DecideAsync(posted, FlagDecision.Resolve, "mod", "done", CancellationToken.None);
        var refresh = Assert.Single(await queue.RefreshesDueAsync(10, CancellationToken.None));
        Assert.Equal((posted, new ModeratorPostLocation("900", "901")), (refresh.FlagId, refresh.Location));

        // A purge while the first edit is under way: that edit must not clear the second request.
        _time.Advance(TimeSpan.FromDays(31));
        await store.PurgeExpiredTextAsync(CancellationToken.None);
        await queue.MarkRefreshedAsync(refresh, CancellationToken.None);
        var again = Assert.Single(await queue.RefreshesDueAsync(10, CancellationToken.None));

        await queue.MarkRefreshedAsync(again, CancellationToken.None);
        Assert.Empty(await queue.RefreshesDueAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task A_decision_landing_while_the_first_post_is_made_is_still_shown_by_an_edit()
    {
        var store = _database.Store(_time);
        var queue = Queue();
        var id = await store.AddAsync(Flags.FromDiscord(Start), CancellationToken.None);
        var readForPosting = (await queue.DueAsync(1, CancellationToken.None)).Single();

        await store.DecideAsync(id, FlagDecision.Resolve, "mod", "done", CancellationToken.None);
        await queue.MarkPostedAsync(readForPosting, new ModeratorPostLocation("900", "901"), CancellationToken.None);

        Assert.Equal(id, Assert.Single(await queue.RefreshesDueAsync(10, CancellationToken.None)).FlagId);
    }

    [Fact]
    public async Task A_decision_seen_before_the_first_post_needs_no_edit()
    {
        var store = _database.Store(_time);
        var queue = Queue();
        var id = await store.AddAsync(Flags.FromDiscord(Start), CancellationToken.None);
        await store.DecideAsync(id, FlagDecision.Resolve, "mod", "done", CancellationToken.None);

        await queue.MarkPostedAsync((await queue.DueAsync(1, CancellationToken.None)).Single(), new ModeratorPostLocation("900", "901"), CancellationToken.None);

        Assert.Empty(await queue.RefreshesDueAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Storing_a_flag_wakes_the_poster()
    {
        var signal = new ModeratorPostSignal();
        var next = signal.Next;
        var store = new SqliteFlagStore(new SqliteDatabase(_database.ConnectionString),
            Microsoft.Extensions.Options.Options.Create(new ModerationOptions()), _time, signal,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteFlagStore>.Instance);

        Assert.False(next.IsCompleted);
        await store.AddAsync(Flags.FromDiscord(Start), CancellationToken.None);

        Assert.True(next.IsCompleted);
        Assert.False(signal.Next.IsCompleted);
    }

    private ModeratorPostQueue Queue() => new(new SqliteDatabase(_database.ConnectionString), _time);

    public void Dispose() => _database.Dispose();
}
