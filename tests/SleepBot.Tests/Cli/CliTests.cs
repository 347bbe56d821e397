using System.Text.Json;

namespace SleepBot.Tests.Cli;

public class CliTests
{
    [Fact]
    public async Task Ask_json_answers_in_the_contract_shape()
    {
        var (exit, stdout, stderr) = await SleepBotProcess.RunAsync(["ask", "--json", "my 7mo screams for 20 min when I put her down awake, is that normal?"]);

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["route", "answer", "safety", "sources", "flagged"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("answer", root.GetProperty("route").GetString());
        Assert.Equal(["distress", "tier", "categories", "signals"], root.GetProperty("safety").EnumerateObject().Select(p => p.Name));
        Assert.Equal("none", root.GetProperty("safety").GetProperty("tier").GetString());
        var source = root.GetProperty("sources")[0];
        Assert.Equal(["id", "title", "topic", "articles", "score"], source.EnumerateObject().Select(p => p.Name));
        Assert.InRange(source.GetProperty("score").GetDouble(), 0.2, 1.0);
        Assert.True(root.GetProperty("answer").GetString()!.Length <= 2000);
        Assert.False(root.GetProperty("flagged").GetBoolean());
    }

    [Fact]
    public async Task Ask_json_routes_off_topic_questions_to_no_match()
    {
        var (exit, stdout, _) = await SleepBotProcess.RunAsync(["ask", "--json", "what's the best pizza in Rome?"]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("no_match", json.RootElement.GetProperty("route").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("sources").GetArrayLength());
    }

    [Fact]
    public async Task Eval_answers_every_line_in_order_with_its_id_and_reports_bad_lines()
    {
        var file = Path.Combine(Path.GetTempPath(), "sleepbot-tests", Guid.NewGuid().ToString("N") + ".jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllLinesAsync(file,
        [
            """{"id": "a", "text": "should I go in when she cries?"}""",
            "not json",
            """{"id": "b", "text": "best pizza in Rome?"}""",
        ]);

        var (exit, stdout, stderr) = await SleepBotProcess.RunAsync(["eval", file, "--json"]);

        Assert.Equal(1, exit);
        Assert.Contains(":2:", stderr, StringComparison.Ordinal);
        var results = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["a", "b"], results.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["answer", "no_match"], results.Select(r => r.GetProperty("route").GetString()));
    }

    [Fact]
    public async Task Eval_scores_the_safety_check_on_lines_with_tier_labels()
    {
        var file = Path.Combine(Path.GetTempPath(), "sleepbot-tests", Guid.NewGuid().ToString("N") + ".jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllLinesAsync(file,
        [
            """{"id": "floppy", "text": "she is floppy and won't wake up", "tier": "emergency", "categories": ["illness"]}""",
            """{"id": "ferber", "text": "night 3 of ferber, how long do check-ins last?", "tier": "none"}""",
            """{"id": "protest", "text": "he screams for 20 minutes then sleeps, is that normal?", "tier": "urgent"}""",
        ]);

        var (exit, stdout, stderr) = await SleepBotProcess.RunAsync(["eval", file]);

        Assert.Equal(0, exit);
        Assert.Equal(3, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("safety on 3 labelled messages: recall 0.500 (1/2 distress), under-triage 0.500 (1), false alarms 0.000 (0/1 none)", stderr, StringComparison.Ordinal);
        Assert.Contains("under-triaged protest: labelled Urgent, got None", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Piped_question_to_the_terminal_chat_prints_one_answer_and_exits_zero()
    {
        var (exit, stdout, stderr) = await SleepBotProcess.RunAsync([], stdin: "why does she cry when I put her down?\n");

        Assert.Equal(0, exit);
        Assert.Contains("Sources: ", stdout, StringComparison.Ordinal);
        Assert.Contains("Discord__Token", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Questions_the_chat_could_not_answer_show_in_knowledge_coverage()
    {
        var database = Path.Combine(Path.GetTempPath(), "sleepbot-tests", Guid.NewGuid().ToString("N") + ".db");
        var environment = new Dictionary<string, string> { ["ConnectionStrings__SleepBot"] = $"Data Source={database}" };

        await SleepBotProcess.RunAsync([], stdin: "best pizza in rome?\nwhere to get pizza in rome\nshould I go in when she cries?\n", environment: environment);
        var (exit, stdout, _) = await SleepBotProcess.RunAsync(["knowledge", "coverage", "--json"], environment: environment);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        var group = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(2, group.GetProperty("count").GetInt32());
        Assert.Equal("best pizza in rome?", group.GetProperty("example").GetString());
    }

    [Fact]
    public async Task Lint_passes_on_the_shipped_knowledge()
    {
        var (exit, stdout, _) = await SleepBotProcess.RunAsync(["knowledge", "lint"]);

        Assert.Equal(0, exit);
        Assert.Contains("0 error(s)", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\d+ entries, \d+ labelled safety examples in ", stdout);
    }

    [Fact]
    public async Task A_broken_file_fails_lint_with_file_and_line_while_ask_keeps_answering()
    {
        var folder = SleepBotProcess.CopyOfShippedKnowledge();
        var victim = Path.Combine(folder, "check_ins", "should-i-go-in.md");
        await File.WriteAllTextAsync(victim, (await File.ReadAllTextAsync(victim)).Replace("topic: check_ins", "topic check_ins", StringComparison.Ordinal));
        var environment = new Dictionary<string, string> { ["Knowledge__Path"] = folder };

        var lint = await SleepBotProcess.RunAsync(["knowledge", "lint", "--json"], environment: environment);
        var ask = await SleepBotProcess.RunAsync(["ask", "--json", "how long should I wait before going in?"], environment: environment);

        Assert.Equal(1, lint.ExitCode);
        using var problems = JsonDocument.Parse(lint.Stdout);
        var error = problems.RootElement.EnumerateArray().First(p => p.GetProperty("severity").GetString() == "error");
        Assert.Equal("check_ins/should-i-go-in.md", error.GetProperty("file").GetString());
        Assert.True(error.GetProperty("line").GetInt32() > 1);
        Assert.Equal(0, ask.ExitCode);
        Assert.Equal("answer", JsonDocument.Parse(ask.Stdout).RootElement.GetProperty("route").GetString());
    }

    [Fact]
    public async Task A_wrong_setting_stops_with_exit_code_3_naming_the_key()
    {
        var (exit, _, stderr) = await SleepBotProcess.RunAsync(["ask", "hello"], environment: new Dictionary<string, string> { ["Safety__Region"] = "Narnia" });

        Assert.Equal(3, exit);
        Assert.Contains("Safety:Region", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_verbs_are_usage_errors()
    {
        var (exit, _, _) = await SleepBotProcess.RunAsync(["frobnicate"]);

        Assert.Equal(2, exit);
    }
}
