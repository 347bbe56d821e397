namespace SleepBot.Storage;

/// <summary>The schema, as numbered steps applied once each, in order. Append; never edit a shipped step.</summary>
internal static class Migrations
{
    public static IReadOnlyList<(int Version, string Sql)> All { get; } =
    [
        (1, """
            CREATE TABLE unanswered_questions (
                id INTEGER PRIMARY KEY,
                asked_at TEXT NOT NULL,
                question TEXT NOT NULL,
                best_score REAL NOT NULL
            );
            CREATE INDEX ix_unanswered_questions_asked_at ON unanswered_questions (asked_at);
            """),
        (2, """
            CREATE TABLE flags (
                id INTEGER PRIMARY KEY,
                created_at TEXT NOT NULL,
                origin TEXT NOT NULL,
                guild_id TEXT,
                channel_id TEXT,
                message_id TEXT,
                author_id TEXT,
                question TEXT,
                reply TEXT,
                text_purged_at TEXT,
                tier TEXT NOT NULL,
                categories TEXT NOT NULL,
                signals TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved', 'false_alarm'))
            );
            CREATE INDEX ix_flags_status ON flags (status, id);
            CREATE INDEX ix_flags_text_to_purge ON flags (created_at) WHERE text_purged_at IS NULL;

            CREATE TABLE flag_actions (
                id INTEGER PRIMARY KEY,
                flag_id INTEGER NOT NULL REFERENCES flags (id),
                action TEXT NOT NULL,
                moderator_id TEXT,
                at TEXT NOT NULL,
                note TEXT
            );
            CREATE INDEX ix_flag_actions_flag_id ON flag_actions (flag_id, id);
            CREATE TRIGGER flag_actions_append_only_update BEFORE UPDATE ON flag_actions
                BEGIN SELECT RAISE(ABORT, 'flag_actions is append-only'); END;
            CREATE TRIGGER flag_actions_append_only_delete BEFORE DELETE ON flag_actions
                BEGIN SELECT RAISE(ABORT, 'flag_actions is append-only'); END;
            """),
        (3, """
            CREATE TABLE moderator_posts (
                flag_id INTEGER PRIMARY KEY REFERENCES flags (id),
                nonce TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT NOT NULL,
                last_error TEXT,
                channel_id TEXT,
                message_id TEXT,
                posted_at TEXT,
                refresh_due INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX ix_moderator_posts_pending ON moderator_posts (next_attempt_at) WHERE message_id IS NULL;
            CREATE INDEX ix_moderator_posts_refresh ON moderator_posts (flag_id) WHERE refresh_due > 0;
            """),
        // A message redelivered after a crash (flag stored, reply not yet sent) must not open a second flag.
        (4, """
            CREATE UNIQUE INDEX ux_flags_message ON flags (origin, channel_id, message_id) WHERE message_id IS NOT NULL;
            """),
    ];
}
