using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SleepBot.Answering;
using SleepBot.Safety;
using SleepBot.Storage;
using static SleepBot.Moderation.FlagSql;

namespace SleepBot.Moderation;

/// <summary>
/// The moderators' queue in the bot's SQLite file: one row per flag and an append-only trail of every action.
/// A flag and its "created" action are committed together before the pipeline returns the reply, so a crash
/// after the reply can never lose the flag; its post to the moderators' channel is queued in the same transaction.
/// Decisions use optimistic concurrency on the status column.
/// </summary>
public sealed partial class SqliteFlagStore(
    SqliteDatabase database,
    IOptions<ModerationOptions> options,
    TimeProvider time,
    ModeratorPostSignal signal,
    ILogger<SqliteFlagStore> logger) : IFlagSink
{
    private const string FlagColumns =
        "id, created_at, status, origin, guild_id, channel_id, message_id, author_id, tier, categories, signals, question, reply, text_purged_at";

    public async Task FlagAsync(FlaggedReply flag, CancellationToken cancellationToken) =>
        await AddAsync(flag, cancellationToken);

    /// <summary>
    /// Stores a flag and returns its id once it is committed. The same message flagged again (redelivered after a
    /// crash between storing the flag and sending the reply) returns the existing flag instead of opening a second.
    /// </summary>
    public async Task<long> AddAsync(FlaggedReply flag, CancellationToken cancellationToken)
    {
        var origin = flag.Question.Origin ?? new MessageOrigin("unknown");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await using var insert = Command(connection, transaction, """
            INSERT INTO flags (created_at, status, origin, guild_id, channel_id, message_id, author_id, tier, categories, signals, question, reply)
            VALUES ($at, $status, $origin, $guild, $channel, $message, $author, $tier, $categories, $signals, $question, $reply)
            ON CONFLICT (origin, channel_id, message_id) WHERE message_id IS NOT NULL DO NOTHING
            RETURNING id
            """);
        insert.Parameters.AddWithValue("$at", Timestamp(flag.At));
        insert.Parameters.AddWithValue("$status", DbName(FlagStatus.Open));
        insert.Parameters.AddWithValue("$origin", origin.Channel);
        insert.Parameters.AddWithValue("$guild", (object?)origin.GuildId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$channel", (object?)origin.ChannelId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$message", (object?)origin.MessageId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$author", (object?)origin.AuthorId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$tier", DbName(flag.Verdict.Tier));
        insert.Parameters.AddWithValue("$categories", JsonSerializer.Serialize(flag.Verdict.Categories, ContractJson.Compact));
        insert.Parameters.AddWithValue("$signals", JsonSerializer.Serialize(flag.Verdict.Signals, ContractJson.Compact));
        insert.Parameters.AddWithValue("$question", flag.Question.Text);
        insert.Parameters.AddWithValue("$reply", flag.Reply);
        if (await insert.ExecuteScalarAsync(cancellationToken) is not { } inserted)
        {
            await using var existing = Command(connection, transaction,
                "SELECT id FROM flags WHERE origin = $origin AND channel_id IS $channel AND message_id = $message");
            existing.Parameters.AddWithValue("$origin", origin.Channel);
            existing.Parameters.AddWithValue("$channel", (object?)origin.ChannelId ?? DBNull.Value);
            existing.Parameters.AddWithValue("$message", origin.MessageId);
            var existingId = Convert.ToInt64(await existing.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            await transaction.CommitAsync(cancellationToken);
            LogAlreadyStored(existingId, origin.MessageId!);
            return existingId;
        }

        var id = Convert.ToInt64(inserted, CultureInfo.InvariantCulture);
        await AppendActionAsync(connection, transaction, id, FlagActionKind.Created, moderatorId: null, flag.At, note: null, cancellationToken);
        await ModeratorPostQueue.EnqueueAsync(connection, transaction, id, flag.At, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogStored(id, flag.Verdict.Tier, origin.Channel);
        signal.Notify();
        return id;
    }

    public async Task<FlagRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await ReadAsync(connection, "WHERE id = $id", p => p.AddWithValue("$id", id), cancellationToken)).SingleOrDefault();
    }

    /// <summary>Flags oldest first; all of them when <paramref name="status"/> is null.</summary>
    public async Task<IReadOnlyList<FlagRecord>> ListAsync(FlagStatus? status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return status is { } wanted
            ? await ReadAsync(connection, "WHERE status = $status", p => p.AddWithValue("$status", DbName(wanted)), cancellationToken)
            : await ReadAsync(connection, "", _ => { }, cancellationToken);
    }

    /// <summary>
    /// Applies a moderator's decision if the flag's status still allows it. When two moderators act at once the
    /// conditional update lets exactly one through; the other gets <see cref="FlagActionOutcome.Refused"/> with
    /// the flag as the winner left it, so they can be told who did what.
    /// </summary>
    /// <param name="refreshPost">
    /// Queue an edit of the flag's post in the moderators' channel. False for a button click, whose own response
    /// updates the post.
    /// </param>
    public async Task<FlagActionResult> DecideAsync(
        long id, FlagDecision decision, string moderatorId, string? note, CancellationToken cancellationToken, bool refreshPost = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moderatorId);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
        {
            var allowed = decision.AllowedFrom();
            await using var update = Command(connection, transaction,
                $"UPDATE flags SET status = $status WHERE id = $id AND status IN ({string.Join(", ", allowed.Select((_, i) => "$from" + i))})");
            update.Parameters.AddWithValue("$status", DbName(decision.ResultingStatus()));
            update.Parameters.AddWithValue("$id", id);
            for (var i = 0; i < allowed.Count; i++)
            {
                update.Parameters.AddWithValue("$from" + i, DbName(allowed[i]));
            }

            if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                await AppendActionAsync(connection, transaction, id, decision.RecordedAs(), moderatorId, now, note, cancellationToken);
                if (refreshPost)
                {
                    await ModeratorPostQueue.RequestRefreshAsync(connection, transaction, "flag_id = $id", p => p.AddWithValue("$id", id), cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                LogDecided(id, decision, moderatorId);
                signal.Notify();
                var applied = (await ReadAsync(connection, "WHERE id = $id", p => p.AddWithValue("$id", id), cancellationToken)).Single();
                return new FlagActionResult(FlagActionOutcome.Applied, applied);
            }
        }

        var current = (await ReadAsync(connection, "WHERE id = $id", p => p.AddWithValue("$id", id), cancellationToken)).SingleOrDefault();
        return new FlagActionResult(current is null ? FlagActionOutcome.NotFound : FlagActionOutcome.Refused, current);
    }

    /// <summary>
    /// Deletes the parent's message and the reply from flags older than <see cref="ModerationOptions.TextRetentionDays"/>,
    /// recording the purge in each flag's audit trail. Returns how many flags were purged.
    /// </summary>
    public async Task<int> PurgeExpiredTextAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = Timestamp(now.AddDays(-options.Value.TextRetentionDays));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await using var audit = Command(connection, transaction, """
            INSERT INTO flag_actions (flag_id, action, moderator_id, at, note)
            SELECT id, $action, NULL, $now, NULL FROM flags WHERE text_purged_at IS NULL AND created_at < $cutoff
            """);
        audit.Parameters.AddWithValue("$action", DbName(FlagActionKind.TextPurged));
        audit.Parameters.AddWithValue("$now", Timestamp(now));
        audit.Parameters.AddWithValue("$cutoff", cutoff);
        await audit.ExecuteNonQueryAsync(cancellationToken);

        // The post quotes the reply, so it is edited too.
        await ModeratorPostQueue.RequestRefreshAsync(connection, transaction,
            "flag_id IN (SELECT id FROM flags WHERE text_purged_at IS NULL AND created_at < $cutoff)", p => p.AddWithValue("$cutoff", cutoff), cancellationToken);

        await using var purge = Command(connection, transaction,
            "UPDATE flags SET question = NULL, reply = NULL, text_purged_at = $now WHERE text_purged_at IS NULL AND created_at < $cutoff");
        purge.Parameters.AddWithValue("$now", Timestamp(now));
        purge.Parameters.AddWithValue("$cutoff", cutoff);
        var purged = await purge.ExecuteNonQueryAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        if (purged > 0)
        {
            signal.Notify();
        }

        return purged;
    }

    private static async Task AppendActionAsync(
        SqliteConnection connection, SqliteTransaction transaction, long flagId, FlagActionKind action, string? moderatorId, DateTimeOffset at, string? note,
        CancellationToken cancellationToken)
    {
        await using var insert = Command(connection, transaction,
            "INSERT INTO flag_actions (flag_id, action, moderator_id, at, note) VALUES ($flag, $action, $moderator, $at, $note)");
        insert.Parameters.AddWithValue("$flag", flagId);
        insert.Parameters.AddWithValue("$action", DbName(action));
        insert.Parameters.AddWithValue("$moderator", (object?)moderatorId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$at", Timestamp(at));
        insert.Parameters.AddWithValue("$note", string.IsNullOrWhiteSpace(note) ? DBNull.Value : note.Trim());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<FlagRecord>> ReadAsync(
        SqliteConnection connection, string where, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        var actions = new Dictionary<long, List<FlagAuditEntry>>();
        await using (var selectActions = Command(connection, null,
            $"SELECT flag_id, action, moderator_id, at, note FROM flag_actions WHERE flag_id IN (SELECT id FROM flags {where}) ORDER BY id"))
        {
            bind(selectActions.Parameters);
            await using var reader = await selectActions.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var entry = new FlagAuditEntry(
                    Parse<FlagActionKind>(reader.GetString(1)), NullableString(reader, 2), ParseTimestamp(reader.GetString(3)), NullableString(reader, 4));
                var flagId = reader.GetInt64(0);
                if (!actions.TryGetValue(flagId, out var list))
                {
                    actions[flagId] = list = [];
                }

                list.Add(entry);
            }
        }

        var flags = new List<FlagRecord>();
        await using var selectFlags = Command(connection, null, $"SELECT {FlagColumns} FROM flags {where} ORDER BY id");
        bind(selectFlags.Parameters);
        await using var flagReader = await selectFlags.ExecuteReaderAsync(cancellationToken);
        while (await flagReader.ReadAsync(cancellationToken))
        {
            var id = flagReader.GetInt64(0);
            var verdict = new SafetyVerdict(
                Parse<SafetyTier>(flagReader.GetString(8)),
                JsonSerializer.Deserialize<SafetyCategory[]>(flagReader.GetString(9), ContractJson.Compact) ?? [],
                JsonSerializer.Deserialize<string[]>(flagReader.GetString(10), ContractJson.Compact) ?? []);
            flags.Add(new FlagRecord(
                id,
                ParseTimestamp(flagReader.GetString(1)),
                Parse<FlagStatus>(flagReader.GetString(2)),
                flagReader.GetString(3),
                NullableString(flagReader, 4),
                NullableString(flagReader, 5),
                NullableString(flagReader, 6),
                NullableString(flagReader, 7),
                verdict,
                NullableString(flagReader, 11),
                NullableString(flagReader, 12),
                flagReader.IsDBNull(13) ? null : ParseTimestamp(flagReader.GetString(13)),
                actions.TryGetValue(id, out var trail) ? trail : []));
        }

        return flags;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored flag {FlagId}: tier {Tier}, from {Origin}")]
    private partial void LogStored(long flagId, SafetyTier tier, string origin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} was already flagged as flag {FlagId}; not flagged again")]
    private partial void LogAlreadyStored(long flagId, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Flag {FlagId}: {Decision} by {ModeratorId}")]
    private partial void LogDecided(long flagId, FlagDecision decision, string moderatorId);
}
