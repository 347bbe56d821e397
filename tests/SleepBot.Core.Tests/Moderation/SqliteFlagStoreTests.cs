using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SleepBot.Answering;
using SleepBot.Moderation;
using SleepBot.Safety;

namespace SleepBot.Core.Tests.Moderation;

public sealed class SqliteFlagStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task Stored_flag_reads_back_with_ids_verdict_texts_and_its_creation_in_the_audit()
    {
        var store = _database.Store(_time);

        var id = await store.AddAsync(Flags.FromDiscord(Start), CancellationToken.None);
        var flag = await store.GetAsync(id, CancellationToken.None);

        Assert.NotNull(flag);
        Assert.Equal(FlagStatus.Open, flag.Status);
        Assert.Equal(Start, flag.CreatedAt);
        Assert.Equal(("discord", "100", "200", "300", "400"), (flag.Origin, flag.GuildId, flag.ChannelId, flag.MessageId, flag.AuthorId));
        Assert.Equal(SafetyTier.Emergency, flag.Verdict.Tier);
        Assert.Equal([SafetyCategory.Illness, SafetyCategory.YoungInfant], flag.Verdict.Categories);
        Assert.Equal(["fever 39C", "age 3 weeks"], flag.Verdict.Signals);
        Assert.Equal("my 3 week old has a fever of 39C", flag.Question);
        Assert.Equal("Call 999 now.", flag.Reply);
        Assert.Equal("https://discord.com/channels/100/200/300", flag.MessageLink);
        var created = Assert.Single(flag.Actions);
        Assert.Equal(new FlagAuditEntry(FlagActionKind.Created, null, Start, null), created);
    }

    [Fact]
    public async Task The_same_message_flagged_again_keeps_its_one_flag()
    {
        var store = _database.Store(_time);

        var first = await store.AddAsync(Flags.FromDiscord(Start), CancellationToken.None);
        var again = await store.AddAsync(Flags.FromDiscord(Start.AddMinutes(1)), CancellationToken.None);
        var other = await store.AddAsync(Flags.FromDiscord(Start, messageId: "301"), CancellationToken.None);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(2, (await store.ListAsync(status: null, CancellationToken.None)).Count);
        Assert.Single((await store.GetAsync(first, CancellationToken.None))!.Actions);
    }

    [Fact]
    public async Task Terminal_flags_without_message_ids_are_never_merged()
    {
        var store = _database.Store(_time);
        var reply = new FlaggedReply(new Question("help") { Origin = new MessageOrigin("terminal") }, Flags.Emergency, "Call 999 now.", Start);

        Assert.NotEqual(await store.AddAsync(reply, CancellationToken.None), await store.AddAsync(reply, CancellationToken.None));
    }

    [Fact]
    public async Task Terminal_flag_has_no_discord_ids_or_link()
    {
        var store = _database.Store(_time);
        var reply = new FlaggedReply(new Question("help") { Origin = new MessageOrigin("terminal") }, Flags.Emergency, "Call 999 now.", Start);

        var flag = await store.GetAsync(await store.AddAsync(reply, CancellationToken.None), CancellationToken.None);

        Assert.Equal("terminal", flag!.Origin);
        Assert.Null(flag.ChannelId);
        Assert.Null(flag.MessageLink);
    }

    [Fact]
    public async Task List_filters_by_status_oldest_first()
    {
        var store = _database.Store(_time);
        var first = await store.AddAsync(Flags.FromDiscord(Start, "1"), CancellationToken.None);
        var second = await store.AddAsync(Flags.FromDiscord(Start, "2"), CancellationToken.None);
        var third = await store.AddAsync(Flags.FromDiscord(Start, "3"), CancellationToken.None);
        await store.DecideAsync(second, FlagDecision.Resolve, "mod-a", "called", CancellationToken.None);

        var open = await store.ListAsync(FlagStatus.Open, CancellationToken.None);
        var all = await store.ListAsync(null, CancellationToken.None);

        Assert.Equal([first, third], open.Select(f => f.Id));
        Assert.Equal([first, second, third], all.Select(f => f.Id));
    }

    [Fact]
    public async Task Decisions_are_appended_to_the_audit_with_moderator_time_and_note()
    {
        var store = _database.Store(_time);
        var id = await store.AddAsync(Flags.FromDiscord(Start), CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(5));
        var acknowledged = await store.DecideAsync(id, FlagDecision.Acknowledge, "mod-a", null, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        var resolved = await store.DecideAsync(id, FlagDecision.Resolve, "mod-b", "  spoke to the parent  ", CancellationToken.None);

        Assert.Equal(FlagActionOutcome.Applied, acknowledged.Outcome);
        Assert.Equal(FlagActionOutcome.Applied, resolved.Outcome);
        Assert.Equal(FlagStatus.Resolved, resolved.Flag!.Status);
        Assert.Equal(
            [
                new FlagAuditEntry(FlagActionKind.Created, null, Start, null),
                new FlagAuditEntry(FlagActionKind.Acknowledged, "mod-a", Start.AddMinutes(5), null),
                new FlagAuditEntry(FlagActionKind.Resolved, "mod-b", Start.AddMinutes(10), "spoke to the parent"),
            ],
            resolved.Flag.Actions);
    }

    [Theory]
    [InlineData(FlagDecision.Resolve, FlagDecision.Acknowledge)]
    [InlineData(FlagDecision.FalseAlarm, FlagDecision.Acknowledge)]
    [InlineData(FlagDecision.Resolve, FlagDecision.FalseAlarm)]
    [InlineData(FlagDecision.FalseAlarm, FlagDecision.Resolve)]
    [InlineData(FlagDecision.Acknowledge, FlagDecision.Acknowledge)]
    public async Task A_decision_the_status_no_longer_allows_is_refused_and_changes_nothing(FlagDecision first, FlagDecision late)
    {
        var store = _database.Store(_time);
        var id = await store.AddAsync(Flags.FromDiscord(Start), CancellationToken.None);
        await store.DecideAsync(id, first, "mod-a", "first", CancellationToken.None);

        var result = await store.DecideAsync(id, late, "mod-b", "late", CancellationToken.None);

        Assert.Equal(FlagActionOutcome.Refused, result.Outcome);
        Assert.Equal(first.ResultingStatus(), result.Flag!.Status);
        Assert.Equal("mod-a", result.Flag.LastDecision.ModeratorId);
        Assert.Equal(2, result.Flag.Actions.Count);
        Assert.Contains("mod-a", FlagText.Refusal(result.Flag, late), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledged_flag_can_still_be_resolved()
    {
        var store = _database.Store(_time);
        var id = await store.AddAsync(Flags.FromDiscord(Start), CancellationToken.None);
        await store.DecideAsync(id, FlagDecision.Acknowledge, "mod-a", null, CancellationToken.None);

        var result = await store.DecideAsync(id, FlagDecision.Resolve, "mod-b", "done", CancellationToken.None);

        Assert.Equal(FlagActionOutcome.Applied, result.Outcome);
    }

    [Fact]
    public async Task Unknown_flag_is_not_found()
    {
        var result = await _database.Store(_time).DecideAsync(42, FlagDecision.Resolve, "mod-a", "x", CancellationToken.None);

        Assert.Equal(new FlagActionResult(FlagActionOutcome.NotFound, null), result);
    }

    [Fact]
    public async Task Two_moderators_acting_at_once_one_wins_and_the_other_is_told_who_did_what()
    {
        var id = await _database.Store(_time).AddAsync(Flags.FromDiscord(Start), CancellationToken.None);
        for (var round = 0; round < 20; round++)
        {
            var flagId = round == 0 ? id : await _database.Store(_time).AddAsync(Flags.FromDiscord(Start, messageId: $"{300 + round}"), CancellationToken.None);
            // Two stores, two connections: the race goes through SQLite, not through shared memory.
            var alice = _database.Store(_time);
            var bob = _database.Store(_time);
            using var go = new ManualResetEventSlim();
            var aliceClick = Task.Run(() => { go.Wait(); return alice.DecideAsync(flagId, FlagDecision.Resolve, "alice", null, CancellationToken.None); });
            var bobClick = Task.Run(() => { go.Wait(); return bob.DecideAsync(flagId, FlagDecision.FalseAlarm, "bob", null, CancellationToken.None); });
            go.Set();
            var results = await Task.WhenAll(aliceClick, bobClick);

            var winner = Assert.Single(results, r => r.Outcome == FlagActionOutcome.Applied);
            var loser = Assert.Single(results, r => r.Outcome == FlagActionOutcome.Refused);
            Assert.Equal(winner.Flag!.LastDecision, loser.Flag!.LastDecision);
            Assert.Equal(winner.Flag.Status, loser.Flag.Status);
            Assert.Equal(2, loser.Flag.Actions.Count);
        }
    }

    [Fact]
    public async Task The_audit_trail_cannot_be_edited_or_deleted()
    {
        var store = _database.Store(_time);
        var id = await store.AddAsync(Flags.FromDiscord(Start), CancellationToken.None);
        await using var connection = await _database.OpenRawAsync();

        foreach (var sql in new[] { "UPDATE flag_actions SET moderator_id = 'someone else'", "DELETE FROM flag_actions", "DELETE FROM flags" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA foreign_keys=ON; " + sql;
            await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        }

        Assert.Single((await store.GetAsync(id, CancellationToken.None))!.Actions);
    }

    [Fact]
    public async Task Purge_removes_expired_text_but_keeps_verdict_status_and_audit()
    {
        var store = _database.Store(_time, retentionDays: 30);
        var old = await store.AddAsync(Flags.FromDiscord(Start, "1"), CancellationToken.None);
        await store.DecideAsync(old, FlagDecision.FalseAlarm, "mod-a", "just teething", CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(10));
        var recent = await store.AddAsync(Flags.FromDiscord(_time.GetUtcNow(), "2"), CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(21));
        var purged = await store.PurgeExpiredTextAsync(CancellationToken.None);
        var purgedAgain = await store.PurgeExpiredTextAsync(CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Equal(0, purgedAgain);
        var oldFlag = (await store.GetAsync(old, CancellationToken.None))!;
        Assert.Null(oldFlag.Question);
        Assert.Null(oldFlag.Reply);
        Assert.Equal(_time.GetUtcNow(), oldFlag.TextPurgedAt);
        Assert.Equal(Flags.Emergency.Tier, oldFlag.Verdict.Tier);
        Assert.Equal(Flags.Emergency.Categories, oldFlag.Verdict.Categories);
        Assert.Equal(Flags.Emergency.Signals, oldFlag.Verdict.Signals);
        Assert.Equal(FlagStatus.FalseAlarm, oldFlag.Status);
        Assert.Equal([FlagActionKind.Created, FlagActionKind.FalseAlarm, FlagActionKind.TextPurged], oldFlag.Actions.Select(a => a.Action));
        Assert.Equal("just teething", oldFlag.Actions[1].Note);
        Assert.Equal("mod-a", oldFlag.LastDecision.ModeratorId);

        var recentFlag = (await store.GetAsync(recent, CancellationToken.None))!;
        Assert.NotNull(recentFlag.Question);
        Assert.Null(recentFlag.TextPurgedAt);
    }

    public void Dispose() => _database.Dispose();
}
