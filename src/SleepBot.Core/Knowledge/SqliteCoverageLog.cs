using System.Globalization;
using Microsoft.Extensions.Options;
using SleepBot.Retrieval;
using SleepBot.Storage;

namespace SleepBot.Knowledge;

/// <summary>A group of similarly worded questions the knowledge could not answer well.</summary>
public sealed record CoverageGap(string Example, int Count, DateTimeOffset FirstAsked, DateTimeOffset LastAsked, double BestScore, IReadOnlyList<string> Variants);

/// <summary>
/// Stores weakly answered questions (text only, never who asked) and groups them for the consultant.
/// Rows older than <see cref="KnowledgeOptions.CoverageRetentionDays"/> are deleted.
/// </summary>
public sealed class SqliteCoverageLog(SqliteDatabase database, IOptions<KnowledgeOptions> options, TimeProvider time) : ICoverageLog
{
    // Questions sharing at least this share of their search terms count as the same question.
    private const double SameQuestion = 0.5;
    private const int MaxVariants = 3;

    /// <summary>Writes the question at once, as asked now: how the verbs record, as they run no <see cref="CoverageWriter"/>.</summary>
    public Task RecordAsync(string question, double bestScore, CancellationToken cancellationToken) =>
        RecordAsync(new UnansweredQuestion(question, bestScore, time.GetUtcNow()), cancellationToken);

    public async Task RecordAsync(UnansweredQuestion question, CancellationToken cancellationToken)
    {
        // Concurrent records of this process queue here, not in SQLite's thread-blocking busy handler.
        using var writing = await database.WriteLockAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Microsoft.Data.Sqlite waits for a locked file by blocking its thread, a thread-pool thread in the bot: the
        // report is not worth holding one for more than about a second.
        await using (var shortWait = connection.CreateCommand())
        {
            shortWait.CommandText = "PRAGMA busy_timeout = 250";
            await shortWait.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO unanswered_questions (asked_at, question, best_score) VALUES ($at, $question, $score)";
        insert.CommandTimeout = 1;
        insert.Parameters.AddWithValue("$at", question.AskedAt.ToString("O", CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$question", question.Text.Length > 1000 ? question.Text[..1000] : question.Text);
        insert.Parameters.AddWithValue("$score", question.BestScore);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CoverageGap>> ReportAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var purge = connection.CreateCommand())
        {
            purge.CommandText = "DELETE FROM unanswered_questions WHERE asked_at < $cutoff";
            purge.Parameters.AddWithValue("$cutoff", time.GetUtcNow().AddDays(-options.Value.CoverageRetentionDays).ToString("O", CultureInfo.InvariantCulture));
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT asked_at, question, best_score FROM unanswered_questions ORDER BY asked_at, id";
        var groups = new List<Group>();
        var analyzer = new TextAnalyzer();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var at = DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
            var text = reader.GetString(1);
            var terms = analyzer.Analyze(text).ToHashSet(StringComparer.Ordinal);
            var group = groups.FirstOrDefault(g => Similarity(g.Terms, terms) >= SameQuestion);
            if (group is null)
            {
                groups.Add(group = new Group(terms, at));
            }

            group.Add(text, at, reader.GetDouble(2));
        }

        return [.. groups
            .OrderByDescending(g => g.Questions.Count)
            .ThenByDescending(g => g.Last)
            .Select(g => new CoverageGap(g.Questions[0], g.Questions.Count, g.First, g.Last, g.BestScore,
                [.. g.Questions.Skip(1).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxVariants)]))];
    }

    private static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    private sealed class Group(HashSet<string> terms, DateTimeOffset first)
    {
        public HashSet<string> Terms { get; } = terms;

        public List<string> Questions { get; } = [];

        public DateTimeOffset First { get; } = first;

        public DateTimeOffset Last { get; private set; } = first;

        public double BestScore { get; private set; }

        public void Add(string text, DateTimeOffset at, double score)
        {
            Questions.Add(text);
            Last = at;
            BestScore = Math.Max(BestScore, score);
        }
    }
}
