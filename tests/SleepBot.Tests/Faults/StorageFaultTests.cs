using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SleepBot.Moderation;
using SleepBot.Storage;
using SleepBot.Tests.Load;
using SleepBot.Testing.Discord;
using Xunit.Abstractions;

namespace SleepBot.Tests.Faults;

/// <summary>
/// The database locked by another process, or impossible to write: parents keep getting answers (the professional-help
/// reply included), and the failure is logged. The moderators' flag store shares the file, so a lost flag is a
/// real SQLite failure, logged as critical.
/// </summary>
public sealed class StorageFaultTests(ITestOutputHelper output)
{
    private const string OffTopic = "what is the best jogging stroller for a marathon?";
    private const string Distress = "my 5 week old has a fever of 39C and is floppy and won't feed";
    private const ulong General = 1_400_000_000_000_000_002;
    private const string FlagLost = "Could not store the flag for a";
    private const string CoverageLost = "Could not record an unanswered question";
    private const string CoverageRecorded = "Recorded an unanswered question";

    [Fact]
    public async Task With_the_database_locked_by_another_connection_parents_are_still_answered_and_the_failures_logged()
    {
        await using var bot = await StartAsync();
        // First use creates and migrates the file, as on any running bot.
        await AskAsync(bot, OffTopic, 1);
        await CoverageWrittenAsync(bot, after: 0);
        var distressBefore = await AskQuestionAsync(bot, Distress, 2);
        Assert.DoesNotContain(Problems(bot), r => r.Message.StartsWith("Could not", StringComparison.Ordinal));

        using (var locker = await LockAsync(bot))
        {
            var offTopic = await TimedAskAsync(bot, OffTopic, 3);
            var distress = await TimedAskAsync(bot, Distress, 4);
            var sleep = await TimedAskAsync(bot, "how long does the crying last with cry it out?", 5);

            Assert.StartsWith("I'm sorry, I don't have anything", offTopic.Content);
            Assert.Contains("Please call 999 now", distress.Content);
            Assert.Contains("Sources:", sleep.Content);
            // The coverage write is queued after the reply: the lock stays until it has failed on it.
            await bot.WaitForLogAsync(r => r.Message.StartsWith(CoverageLost, StringComparison.Ordinal), "the queued coverage write to fail", timeout: LockedWrite);
        }
        var problems = Problems(bot);
        Assert.Contains(problems, r => r.Level == LogLevel.Warning && r.Message.StartsWith(CoverageLost, StringComparison.Ordinal)
            && r.Exception is SqliteException { SqliteErrorCode: 5 });
        Assert.Contains(problems, r => r.Level == LogLevel.Critical && r.Message.StartsWith(FlagLost, StringComparison.Ordinal)
            && r.Exception is SqliteException { SqliteErrorCode: 5 });

        // Once the lock is gone, the database is used again.
        var before = Problems(bot).Count;
        var distressAfter = await AskQuestionAsync(bot, Distress, 6);
        var logged = bot.Logs.GetSnapshot().Count;
        await AskAsync(bot, OffTopic, 7);
        await CoverageWrittenAsync(bot, logged);
        Assert.Equal(before, Problems(bot).Count);
        // Flags 2 and 6 were stored; 4 was lost to the lock, as the critical log says.
        var stored = await bot.Host.Services.GetRequiredService<SqliteFlagStore>().ListAsync(null, CancellationToken.None);
        Assert.Equal([Id(distressBefore), Id(distressAfter)], stored.Select(f => f.MessageId));
    }

    [Fact]
    public async Task With_a_database_path_that_cannot_be_written_parents_are_still_answered_and_the_failures_logged()
    {
        // A file where the database's folder should be: no database can ever be created there (as with a full or read-only disk).
        var notAFolder = Path.Combine(Path.GetTempPath(), "sleepbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(notAFolder)!);
        await File.WriteAllTextAsync(notAFolder, "not a folder");
        try
        {
            await using var bot = await StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:SleepBot"] = "Data Source=" + Path.Combine(notAFolder, "sleepbot.db") });

            var offTopic = await AskAsync(bot, OffTopic, 1);
            var distress = await AskAsync(bot, Distress, 2);

            Assert.StartsWith("I'm sorry, I don't have anything", offTopic.Content);
            Assert.Contains("Please call 999 now", distress.Content);
            await bot.WaitForLogAsync(r => r.Message.StartsWith(CoverageLost, StringComparison.Ordinal), "the queued coverage write to fail", timeout: LockedWrite);
            var problems = Problems(bot);
            Assert.Contains(problems, r => r.Message.StartsWith(CoverageLost, StringComparison.Ordinal) && r.Exception is SqliteException);
            Assert.Contains(problems, r => r.Level == LogLevel.Critical && r.Message.StartsWith(FlagLost, StringComparison.Ordinal) && r.Exception is SqliteException);
        }
        finally
        {
            File.Delete(notAFolder);
        }
    }

    /// <summary>Asks and reports how long the reply took (the lock waits are bounded; this shows by how much).</summary>
    private async Task<SimMessage> TimedAskAsync(HostedBot bot, string text, int user)
    {
        var stopwatch = Stopwatch.StartNew();
        var reply = await AskAsync(bot, text, user);
        output.WriteLine($"Database locked: \"{text}\" answered in {stopwatch.ElapsedMilliseconds} ms");
        return reply;
    }

    // A deadline, not a pause: a write gives up on a locked file after about a second, behind any queued before it.
    private static readonly TimeSpan LockedWrite = TimeSpan.FromSeconds(30);

    // The coverage writer says at Debug that a question was written; the default level for the bot's logs is Information.
    private static Task<HostedBot> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        HostedBot.StartAsync(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Logging:LogLevel:SleepBot.Knowledge.CoverageWriter"] = "Debug" });

    /// <summary>Waits until the coverage writer has written, or failed to write, a question logged after the <paramref name="after"/>th record.</summary>
    private static Task CoverageWrittenAsync(HostedBot bot, int after) =>
        bot.WaitForLogAsync(r => r.Message.StartsWith(CoverageRecorded, StringComparison.Ordinal) || r.Message.StartsWith(CoverageLost, StringComparison.Ordinal),
            "the queued coverage write", after, LockedWrite);

    private static async Task<SimMessage> AskAsync(HostedBot bot, string text, int user) => (await AskWithReplyAsync(bot, text, user)).Reply;

    private static async Task<SimMessage> AskQuestionAsync(HostedBot bot, string text, int user) => (await AskWithReplyAsync(bot, text, user)).Question;

    private static async Task<(SimMessage Question, SimMessage Reply)> AskWithReplyAsync(HostedBot bot, string text, int user)
    {
        var question = await bot.Simulator.SendUserMessageAsync(General, $"<@{bot.Simulator.BotUserId}> {text}",
            authorId: 1_700_000_000_000_000_000 + (ulong)user, mentionUserIds: [bot.Simulator.BotUserId]);
        // The bot waits out SQLite's busy timeout (5 s) on a locked file before giving up on the write.
        return (question, await bot.ReplyToAsync(question, TimeSpan.FromSeconds(30)));
    }

    private static List<Microsoft.Extensions.Logging.Testing.FakeLogRecord> Problems(HostedBot bot) =>
        [.. bot.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Warning && r.Category?.StartsWith("SleepBot", StringComparison.Ordinal) == true)];

    /// <summary>Another process holding the write lock: an open exclusive transaction on the bot's file.</summary>
    private static async Task<SqliteConnection> LockAsync(HostedBot bot)
    {
        var database = bot.Host.Services.GetRequiredService<SqliteDatabase>();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.DataSource, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    private static string Id(SimMessage message) => message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

}
