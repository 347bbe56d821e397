using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SleepBot.Answering;
using SleepBot.Cli;
using SleepBot.Moderation;
using SleepBot.Safety;
using SleepBot.Storage;
using SleepBot.Tests.Cli;

namespace SleepBot.Tests.Flags;

public sealed class FlagsCommandsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"sleepbot-cli-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SqliteFlagStore _store;

    public FlagsCommandsTests() =>
        _store = new SqliteFlagStore(new SqliteDatabase($"Data Source={_databasePath}"), Options.Create(new ModerationOptions()), _time, new ModeratorPostSignal(), NullLogger<SqliteFlagStore>.Instance);

    [Fact]
    public async Task List_json_prints_exactly_the_contract_fields()
    {
        var id = await AddAsync("300");
        _time.Advance(TimeSpan.FromMinutes(3));
        await _store.DecideAsync(id, FlagDecision.Acknowledge, "123456789012345678", "looking", CancellationToken.None);

        var result = await RunAsync("flags", "list", "--status", "all", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var flag = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(
            ["id", "status", "tier", "categories", "signals", "createdAt", "channelId", "messageId", "actions"],
            flag.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, flag.GetProperty("id").GetInt64());
        Assert.Equal("acknowledged", flag.GetProperty("status").GetString());
        Assert.Equal("emergency", flag.GetProperty("tier").GetString());
        Assert.Equal(["illness", "young_infant"], flag.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["fever 39C", "age 3 weeks"], flag.GetProperty("signals").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(Start, flag.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal("200", flag.GetProperty("channelId").GetString());
        Assert.Equal("300", flag.GetProperty("messageId").GetString());

        var actions = flag.GetProperty("actions").EnumerateArray().ToList();
        Assert.All(actions, a => Assert.Equal(["action", "moderatorId", "at", "note"], a.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["created", "acknowledged"], actions.Select(a => a.GetProperty("action").GetString()));
        Assert.Equal(JsonValueKind.Null, actions[0].GetProperty("moderatorId").ValueKind);
        Assert.Equal("123456789012345678", actions[1].GetProperty("moderatorId").GetString());
        Assert.Equal(Start.AddMinutes(3), actions[1].GetProperty("at").GetDateTimeOffset());
        Assert.Equal("looking", actions[1].GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_distress_question_from_ask_and_from_the_terminal_chat_lands_in_the_same_queue()
    {
        var asked = await RunAsync("ask", "my 3 week old has a fever of 39C and won't stop crying");
        var chatted = await SleepBotProcess.RunAsync([], stdin: "I can't cope anymore, I feel like shaking him\n",
            environment: new Dictionary<string, string> { ["ConnectionStrings__SleepBot"] = $"Data Source={_databasePath}" });

        Assert.True(asked.ExitCode == 0, asked.Stderr);
        Assert.True(chatted.ExitCode == 0, chatted.Stderr);
        var flags = await _store.ListAsync(status: null, CancellationToken.None);
        Assert.Equal(["cli", "terminal"], flags.Select(f => f.Origin));
        Assert.Equal([SafetyTier.Emergency, SafetyTier.Crisis], flags.Select(f => f.Verdict.Tier));
        Assert.All(flags, f => Assert.Equal(FlagStatus.Open, f.Status));
        Assert.Equal("I can't cope anymore, I feel like shaking him", flags[1].Question);
    }

    [Fact]
    public async Task List_shows_open_flags_by_default()
    {
        var open = await AddAsync("1");
        var resolved = await AddAsync("2");
        await _store.DecideAsync(resolved, FlagDecision.Resolve, "mod", "done", CancellationToken.None);

        var result = await RunAsync("flags", "list", "--json");

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal([open], json.RootElement.EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Resolve_records_the_terminal_user_and_note_and_a_second_resolve_is_refused_naming_who()
    {
        var id = await AddAsync("300");

        var resolved = await RunAsync("flags", "resolve", id.ToString(), "--note", "phoned the parent");
        var again = await RunAsync("flags", "resolve", id.ToString(), "--note", "me too");

        Assert.True(resolved.ExitCode == 0, resolved.Stderr);
        var flag = (await _store.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(FlagStatus.Resolved, flag.Status);
        Assert.Equal(new[] { FlagActionKind.Created, FlagActionKind.Resolved }, flag.Actions.Select(a => a.Action));
        Assert.Equal(FlagsCommands.TerminalModeratorId, flag.LastDecision.ModeratorId);
        Assert.StartsWith("terminal:", flag.LastDecision.ModeratorId, StringComparison.Ordinal);
        Assert.Equal("phoned the parent", flag.LastDecision.Note);

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already resolved", again.Stderr, StringComparison.Ordinal);
        Assert.Contains(FlagsCommands.TerminalModeratorId, again.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show", "99")]
    [InlineData("resolve", "99", "--note", "x")]
    public async Task Unknown_id_says_so_and_exits_1(params string[] verb)
    {
        await AddAsync("300");

        var result = await RunAsync(["flags", .. verb]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No flag with id 99", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_json_includes_the_message_reply_and_link()
    {
        var id = await AddAsync("300");

        var result = await RunAsync("flags", "show", id.ToString(), "--json");

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("my 3 week old has a fever of 39C", json.RootElement.GetProperty("question").GetString());
        Assert.Equal("Call 999 now.", json.RootElement.GetProperty("reply").GetString());
        Assert.Equal("https://discord.com/channels/100/200/300", json.RootElement.GetProperty("messageLink").GetString());
    }

    [Fact]
    public async Task Export_writes_false_alarms_as_json_lines_with_text_while_retained_verdict_and_notes()
    {
        var kept = await AddAsync("1");
        await _store.DecideAsync(kept, FlagDecision.FalseAlarm, "mod", "the 39C was the room", CancellationToken.None);
        await AddAsync("2");
        var purged = await _store.AddAsync(Flag("3", Start.AddDays(-40)), CancellationToken.None);
        await _store.DecideAsync(purged, FlagDecision.FalseAlarm, "mod", "teething", CancellationToken.None);
        await _store.PurgeExpiredTextAsync(CancellationToken.None);

        var result = await RunAsync("flags", "export", "--status", "false_alarm");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([kept, purged], lines.Select(l => l.GetProperty("flagId").GetInt64()));
        Assert.Equal($"flag-{kept}", lines[0].GetProperty("id").GetString());
        Assert.Equal("my 3 week old has a fever of 39C", lines[0].GetProperty("text").GetString());
        Assert.Equal("emergency", lines[0].GetProperty("safety").GetProperty("tier").GetString());
        Assert.Equal(["fever 39C", "age 3 weeks"], lines[0].GetProperty("safety").GetProperty("signals").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["the 39C was the room"], lines[0].GetProperty("notes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("text").ValueKind);
        Assert.Equal(["teething"], lines[1].GetProperty("notes").EnumerateArray().Select(s => s.GetString()));
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        SleepBotProcess.RunAsync(args, environment: new Dictionary<string, string> { ["ConnectionStrings__SleepBot"] = $"Data Source={_databasePath}" });

    private Task<long> AddAsync(string messageId) => _store.AddAsync(Flag(messageId, Start), CancellationToken.None);

    private static FlaggedReply Flag(string messageId, DateTimeOffset at) =>
        new(new Question("my 3 week old has a fever of 39C") { Origin = new MessageOrigin("discord", "100", "200", messageId, "400") },
            new SafetyVerdict(SafetyTier.Emergency, [SafetyCategory.Illness, SafetyCategory.YoungInfant], ["fever 39C", "age 3 weeks"]),
            "Call 999 now.",
            at);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }
}
