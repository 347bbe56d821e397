using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using SleepBot.Storage;
using static SleepBot.Moderation.FlagSql;

namespace SleepBot.Moderation;

/// <summary>A flag whose post to the moderators' channel has not landed yet.</summary>
/// <param name="Nonce">Sent with every attempt, so Discord answers a repeat with the message it already created.</param>
/// <param name="RefreshRequests">Decisions seen before the flag was read for the post, so the post already shows them.</param>
public sealed record PendingModeratorPost(long FlagId, string Nonce, int Attempts, long RefreshRequests);

/// <summary>Where a flag's post landed in the moderators' channel.</summary>
public sealed record ModeratorPostLocation(string ChannelId, string MessageId);

/// <summary>A posted flag whose message must be edited to show its current state.</summary>
/// <param name="Request">Which request this is; a newer one arriving during the edit keeps the refresh due.</param>
public sealed record ModeratorPostRefresh(long FlagId, ModeratorPostLocation Location, long Request);

/// <summary>
/// The outbox of posts to the moderators' channel. A row is added with its flag, in the same transaction, so a
/// flag can never miss its post; the row is done once the posted message's id is recorded in it.
/// </summary>
public sealed class ModeratorPostQueue(SqliteDatabase database, TimeProvider time)
{
    internal static async Task EnqueueAsync(
        SqliteConnection connection, SqliteTransaction transaction, long flagId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var insert = Command(connection, transaction,
            "INSERT INTO moderator_posts (flag_id, nonce, next_attempt_at) VALUES ($flag, $nonce, $at)");
        insert.Parameters.AddWithValue("$flag", flagId);
        // Random rather than derived from the id: ids restart in a new database file, and a reused nonce would
        // make Discord hand back some older flag's message instead of posting this one.
        insert.Parameters.AddWithValue("$nonce", Convert.ToHexString(RandomNumberGenerator.GetBytes(12)));
        insert.Parameters.AddWithValue("$at", Timestamp(at));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Marks posts as needing an edit, in the caller's transaction (a decision or a purge). Counted even before the
    /// post is made, since a change can land between reading the flag for the post and recording where it landed.
    /// </summary>
    internal static async Task RequestRefreshAsync(
        SqliteConnection connection, SqliteTransaction transaction, string where, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var update = Command(connection, transaction, $"UPDATE moderator_posts SET refresh_due = refresh_due + 1 WHERE {where}");
        bind(update.Parameters);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ModeratorPostRefresh>> RefreshesDueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = Command(connection, null,
            "SELECT flag_id, channel_id, message_id, refresh_due FROM moderator_posts WHERE refresh_due > 0 AND message_id IS NOT NULL ORDER BY flag_id LIMIT $limit");
        select.Parameters.AddWithValue("$limit", limit);
        var due = new List<ModeratorPostRefresh>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new ModeratorPostRefresh(reader.GetInt64(0), new ModeratorPostLocation(reader.GetString(1), reader.GetString(2)), reader.GetInt64(3)));
        }

        return due;
    }

    /// <summary>Clears the refresh unless another was requested while the edit was under way.</summary>
    public async Task MarkRefreshedAsync(ModeratorPostRefresh refresh, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = Command(connection, null, "UPDATE moderator_posts SET refresh_due = 0 WHERE flag_id = $flag AND refresh_due = $request");
        update.Parameters.AddWithValue("$flag", refresh.FlagId);
        update.Parameters.AddWithValue("$request", refresh.Request);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Posts due now, oldest flag first.</summary>
    public async Task<IReadOnlyList<PendingModeratorPost>> DueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = Command(connection, null, """
            SELECT flag_id, nonce, attempts, refresh_due FROM moderator_posts
            WHERE message_id IS NULL AND next_attempt_at <= $now ORDER BY flag_id LIMIT $limit
            """);
        select.Parameters.AddWithValue("$now", Timestamp(time.GetUtcNow()));
        select.Parameters.AddWithValue("$limit", limit);
        var due = new List<PendingModeratorPost>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new PendingModeratorPost(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)));
        }

        return due;
    }

    /// <summary>When the earliest waiting post is due, if any is waiting.</summary>
    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = Command(connection, null, "SELECT MIN(next_attempt_at) FROM moderator_posts WHERE message_id IS NULL");
        return await select.ExecuteScalarAsync(cancellationToken) is string at ? ParseTimestamp(at) : null;
    }

    /// <summary>Records where the post landed; changes made after it was read stay due as an edit.</summary>
    public async Task MarkPostedAsync(PendingModeratorPost post, ModeratorPostLocation location, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = Command(connection, null, """
            UPDATE moderator_posts
            SET channel_id = $channel, message_id = $message, posted_at = $now, attempts = attempts + 1, last_error = NULL, refresh_due = refresh_due - $seen
            WHERE flag_id = $flag
            """);
        update.Parameters.AddWithValue("$channel", location.ChannelId);
        update.Parameters.AddWithValue("$message", location.MessageId);
        update.Parameters.AddWithValue("$now", Timestamp(time.GetUtcNow()));
        update.Parameters.AddWithValue("$seen", post.RefreshRequests);
        update.Parameters.AddWithValue("$flag", post.FlagId);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkFailedAsync(long flagId, string error, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = Command(connection, null,
            "UPDATE moderator_posts SET attempts = attempts + 1, last_error = $error, next_attempt_at = $retry WHERE flag_id = $flag AND message_id IS NULL");
        update.Parameters.AddWithValue("$error", error.Length > 500 ? error[..500] : error);
        update.Parameters.AddWithValue("$retry", Timestamp(retryAt));
        update.Parameters.AddWithValue("$flag", flagId);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Wakes the poster as soon as a flag is stored, instead of at its next poll.</summary>
public sealed class ModeratorPostSignal
{
    private TaskCompletionSource _next = NewSignal();

    /// <summary>Completes at the next <see cref="Notify"/>. Take it before reading the queue, so no notification slips between.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
