using System.CommandLine;
using System.Text;
using System.Text.Json;
using SleepBot.Answering;
using SleepBot.Evaluation;
using SleepBot.Hosting;
using SleepBot.Safety;

namespace SleepBot.Cli;

/// <summary>
/// Answers a JSON-lines file of <c>{"id", "text"}</c> in one process, one result per line in order. Lines that also
/// carry a <c>"tier"</c> label (and optionally <c>"categories"</c>) are scored: the safety check's recall,
/// under-triage and false alarms go to standard error at the end, so a new labelled set is measured with one command.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "A .jsonl file: one {\"id\": \"...\", \"text\": \"...\"} per line; add \"tier\" (and \"categories\") labels to score the safety check.",
        };
        var json = new Option<bool>("--json") { Description = "Print each result as one line of JSON (the contract's shape)." };
        var command = new Command("eval", "Answer every line of a JSON-lines file.") { file, json };
        command.SetAction((parse, cancellationToken) => CommandHost.RunAsync(services =>
            RunAsync(services.GetRequiredService<AnswerPipeline>(), parse.GetValue(file)!, parse.GetValue(json), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(AnswerPipeline pipeline, FileInfo file, bool json, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"{file.FullName}: no such file.");
            return ExitCodes.BadInput;
        }

        var exitCode = ExitCodes.Done;
        var lineNumber = 0;
        var scored = new List<(EvalItem Item, SafetyVerdict Verdict)>();
        await foreach (var line in File.ReadLinesAsync(file.FullName, cancellationToken))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (Parse(line) is not { } item)
            {
                await Console.Error.WriteLineAsync($"{file.Name}:{lineNumber}: expected {{\"id\": \"...\", \"text\": \"...\"}}; line skipped.");
                exitCode = ExitCodes.BadInput;
                continue;
            }

            var reply = await pipeline.AnswerAsync(new Question(item.Text) { Origin = new MessageOrigin("cli"), Rehearsal = true }, cancellationToken);
            reply = reply with { Id = item.Id };
            if (item.Tier is not null)
            {
                scored.Add((item, reply.Safety));
            }

            await Console.Out.WriteLineAsync(json
                ? JsonSerializer.Serialize(reply, ContractJson.Compact)
                : $"{item.Id}\t{reply.Route.ToString()}\t{string.Join(",", reply.Sources.Select(s => s.Id))}\t{reply.Safety.Tier}");
        }

        if (scored.Count > 0)
        {
            await Console.Error.WriteAsync(SafetyReport(scored));
        }

        return exitCode;
    }

    private static string SafetyReport(List<(EvalItem Item, SafetyVerdict Verdict)> scored)
    {
        var score = SafetyScore.From(scored.Select(s => (s.Item.Tier!.Value, s.Verdict.Tier, MainOf(s.Item.Categories), MainOf(s.Verdict.Categories))));
        var report = new StringBuilder($"safety on {scored.Count} labelled messages: {score}");
        foreach (var (item, verdict) in scored.Where(s => s.Verdict.Tier < s.Item.Tier))
        {
            report.AppendLine($"  under-triaged {item.Id}: labelled {item.Tier}, got {verdict.Tier} [{string.Join(", ", verdict.Signals)}]");
        }

        foreach (var (item, verdict) in scored.Where(s => s.Item.Tier == SafetyTier.None && s.Verdict.Tier != SafetyTier.None))
        {
            report.AppendLine($"  false alarm {item.Id}: got {verdict.Tier} [{string.Join(", ", verdict.Signals)}]");
        }

        return report.ToString();
    }

    private static SafetyCategory? MainOf(IReadOnlyList<SafetyCategory>? categories) => categories is [var main, ..] ? main : null;

    private static EvalItem? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<EvalItem>(line, ContractJson.Compact) is { Id: { Length: > 0 }, Text: not null } item ? item : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record EvalItem(string Id, string Text, SafetyTier? Tier = null, IReadOnlyList<SafetyCategory>? Categories = null);
}
