using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SleepBot.Tests.Cli;
using SleepBot.Testing;
using SleepBot.Testing.Discord;
using Xunit.Abstractions;

namespace SleepBot.Tests.Faults;

/// <summary>
/// SIGKILL in the middle of a burst, then a restart: the real program as a child process on a simulator, with its own
/// database. Every message ends up answered exactly once (what the simulator saw unanswered is delivered again to the
/// new session, as a Discord client catching up would), and every distress reply has its flag in the restarted bot's
/// store. What the crash itself may cost is bounded and asserted: only messages the killed bot had received and not yet
/// replied to go unanswered until redelivered; a redelivered distress message keeps its one flag.
/// </summary>
public sealed partial class CrashRecoveryTests(ITestOutputHelper output)
{
    private const ulong Help = 1_400_000_000_000_000_001;
    private const ulong General = 1_400_000_000_000_000_002;
    private const int Burst = 60;
    private const int KillAfterReplies = 12;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly string[] Ordinary =
    [
        "my 7mo screams for 20 min when I put her down awake, is that normal?",
        "how long does the crying last with cry it out?",
        "will sleep training harm our attachment?",
        "should I go in when he cries during check ins?",
    ];

    private static readonly string[] Distress =
    [
        "my 5 week old has a fever of 39C and is floppy and won't feed",
        "help, my 5 week old has a fever of 39C and is floppy and won't feed",
        "night 3: my 5 week old has a fever of 39C and is floppy and won't feed",
    ];

    [Fact]
    public async Task A_bot_killed_mid_burst_and_restarted_answers_every_message_once_and_keeps_every_flag()
    {
        await using var simulator = await DiscordSimulator.StartAsync();
        var database = Path.Combine(Path.GetTempPath(), "sleepbot-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var questions = new List<(SimMessage Message, bool Distress)>();
        BotProcess? first = null, second = null;
        try
        {
            first = BotProcess.Start(simulator, database);
            await simulator.WaitForReadyAsync(1, Patience);

            // The first half of the burst, then SIGKILL as soon as some replies are out and others are in flight.
            for (var i = 0; i < Burst / 2; i++)
                questions.Add(await SendAsync(simulator, i));
            await simulator.WaitUntilAsync(s => s.BotMessages.Count(m => m.Content.Length > 0) >= KillAfterReplies, $"{KillAfterReplies} replies", Patience);
            first.Kill();
            var firstConnections = simulator.Connections.Select(c => c.Id).ToHashSet();
            var repliedByFirst = Replied(simulator, questions).Keys.ToHashSet();

            // The rest of the burst arrives while the bot is down.
            for (var i = Burst / 2; i < Burst; i++)
                questions.Add(await SendAsync(simulator, i));

            second = BotProcess.Start(simulator, database);
            await simulator.WaitForReadyAsync(2, Patience);
            var unanswered = questions.Where(q => !Replied(simulator, questions).ContainsKey(q.Message.Id)).ToList();
            foreach (var (message, _) in unanswered)
                await simulator.RedeliverAsync(message);
            await simulator.WaitUntilAsync(s => Replied(s, questions).Count == questions.Count, "every message answered after the restart", Patience);
            // A sentinel after all of them: a late duplicate from either process would have been posted before its reply.
            var sentinel = await simulator.SendUserMessageAsync(General, $"<@{simulator.BotUserId}> {Ordinary[0]}", authorId: 1_900_000_000_000_000_999, mentionUserIds: [simulator.BotUserId]);
            await simulator.WaitForBotMessageAsync(m => m.ReplyToMessageId == sentinel.Id, "the sentinel's reply", Patience);

            var replies = Replied(simulator, questions);
            // Sent to the killed bot before the kill (frames written to its dead socket afterwards do not count).
            var sentBeforeKill = questions.Take(Burst / 2).Select(q => q.Message.Id).ToHashSet();
            var receivedByFirst = Dispatched(simulator, firstConnections).Where(sentBeforeKill.Contains).ToHashSet();
            var inFlightAtKill = receivedByFirst.Where(id => !repliedByFirst.Contains(id)).ToHashSet();
            output.WriteLine($"{repliedByFirst.Count} replied before SIGKILL, {inFlightAtKill.Count} in flight at the kill, "
                + $"{Burst / 2} sent while down, {unanswered.Count} redelivered to the new session");

            // Every message: exactly one reply, of the right kind.
            Assert.All(questions, q => Assert.Single(replies[q.Message.Id]));
            Assert.All(questions.Where(q => q.Distress), q => Assert.Contains("Please call 999 now", replies[q.Message.Id][0].Content));
            Assert.All(questions.Where(q => !q.Distress), q => Assert.Contains("Sources:", replies[q.Message.Id][0].Content));
            // The bound: what needed redelivering is what the killed bot had in hand, plus what was sent while it was down.
            var sentWhileDown = questions.Skip(Burst / 2).Select(q => q.Message.Id).ToHashSet();
            Assert.Subset(inFlightAtKill.Union(sentWhileDown).ToHashSet(), unanswered.Select(q => q.Message.Id).ToHashSet());

            // Every answered id is one a bot process logged as answered, except replies the killed one posted but never got to log.
            HashSet<ulong> Unlogged() => [.. questions.Select(q => q.Message.Id).Where(id => !first.AnsweredIds.Contains(id) && !second.AnsweredIds.Contains(id))];
            await Eventually.TrueAsync(() => Unlogged().IsSubsetOf(receivedByFirst), "the restarted bot to log its answers", Patience);

            // Flags: each distress message has exactly one flag, even when it was redelivered after the kill.
            var flags = await FlagsAsync(database);
            var distressIds = questions.Where(q => q.Distress).Select(q => Id(q.Message.Id)).ToHashSet();
            output.WriteLine($"{flags.Count} flags for {distressIds.Count} distress messages");
            Assert.Equal(distressIds.Order(), flags.Order());
            Assert.Empty(simulator.LimitViolations);
        }
        catch (Exception) when (first is not null)
        {
            output.WriteLine("first bot's log:\n" + first.Log);
            output.WriteLine("second bot's log:\n" + second?.Log);
            throw;
        }
        finally
        {
            first?.Dispose();
            second?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
                File.Delete(file);
        }
    }

    /// <summary>Every fifth message is distress; half go to the help channel, half are mentions; one user each (no per-user limit).</summary>
    private static async Task<(SimMessage, bool)> SendAsync(DiscordSimulator simulator, int i)
    {
        var distress = i % 5 == 2;
        var text = distress ? Distress[i % Distress.Length] : Ordinary[i % Ordinary.Length];
        var user = 1_900_000_000_000_000_000 + (ulong)i;
        var message = i % 2 == 0
            ? await simulator.SendUserMessageAsync(Help, text, authorId: user)
            : await simulator.SendUserMessageAsync(General, $"<@{simulator.BotUserId}> {text}", authorId: user, mentionUserIds: [simulator.BotUserId]);
        return (message, distress);
    }

    /// <summary>Bot messages per question: replies to it, or messages in the thread started from it.</summary>
    private static Dictionary<ulong, List<SimMessage>> Replied(DiscordSimulator simulator, List<(SimMessage Message, bool Distress)> questions)
    {
        var ids = questions.Select(q => q.Message.Id).ToHashSet();
        return simulator.BotMessages
            .Select(m => (Question: m.ReplyToMessageId is { } r && ids.Contains(r) ? r : ids.Contains(m.ChannelId) ? m.ChannelId : 0, Message: m))
            .Where(x => x.Question != 0)
            .GroupBy(x => x.Question)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToList());
    }

    /// <summary>User messages the simulator delivered on the given connections.</summary>
    private static HashSet<ulong> Dispatched(DiscordSimulator simulator, HashSet<int> connections) =>
        [.. simulator.Frames
            .Where(f => !f.FromClient && f.EventName == "MESSAGE_CREATE" && connections.Contains(f.ConnectionId) && f.Data?["author"]?["bot"]?.GetValue<bool>() != true)
            .Select(f => ulong.Parse(f.Data!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture))];

    /// <summary>The message ids of all stored flags, from the program's own <c>flags list --json</c>.</summary>
    private static async Task<List<string>> FlagsAsync(string database)
    {
        var (exit, stdout, stderr) = await SleepBotProcess.RunAsync(["flags", "list", "--status", "all", "--json"],
            environment: new Dictionary<string, string> { ["ConnectionStrings__SleepBot"] = "Data Source=" + database });
        Assert.True(exit == 0, $"flags list exited {exit}: {stderr}");
        return [.. JsonNode.Parse(stdout)!.AsArray().Select(f => f!["messageId"]!.GetValue<string>())];
    }

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The built program, run as an operator runs it, with its log (stderr) kept.</summary>
    private sealed partial class BotProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();

        private BotProcess(Process process)
        {
            _process = process;
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (_log)
                        _log.AppendLine(e.Data);
                }
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }

        public string Log
        {
            get
            {
                lock (_log)
                    return _log.ToString();
            }
        }

        /// <summary>Ids the process logged as answered ("Answered {id} in channel …").</summary>
        public HashSet<ulong> AnsweredIds => [.. AnsweredLine().Matches(Log).Select(m => ulong.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

        public static BotProcess Start(DiscordSimulator simulator, string database)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = SleepBotProcess.RepoRoot,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(SleepBotProcess.ProgramPath);
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            start.Environment["Discord__Token"] = simulator.Token;
            start.Environment["Discord__ApiBaseUrl"] = simulator.ApiBaseUrl.ToString();
            start.Environment["Discord__HelpChannelIds__0"] = Help.ToString(CultureInfo.InvariantCulture);
            start.Environment["ConnectionStrings__SleepBot"] = "Data Source=" + database;
            return new BotProcess(Process.Start(start)!);
        }

        /// <summary>SIGKILL: no shutdown, no flush, nothing finished.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }

        [GeneratedRegex(@"Answered (\d+) in channel")]
        private static partial Regex AnsweredLine();
    }
}
