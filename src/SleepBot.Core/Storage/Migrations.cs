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
    ];
}
