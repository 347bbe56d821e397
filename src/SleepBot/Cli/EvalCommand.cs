using System.CommandLine;
using System.Text.Json;
using SleepBot.Answering;
using SleepBot.Hosting;

namespace SleepBot.Cli;

/// <summary>Answers a JSON-lines file of <c>{"id", "text"}</c> in one process, one result per line in order.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A .jsonl file: one {\"id\": \"...\", \"text\": \"...\"} per line." };
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
            await Console.Out.WriteLineAsync(json
                ? JsonSerializer.Serialize(reply, ContractJson.Compact)
                : $"{item.Id}\t{reply.Route.ToString()}\t{string.Join(",", reply.Sources.Select(s => s.Id))}\t{reply.Safety.Tier}");
        }

        return exitCode;
    }

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

    private sealed record EvalItem(string Id, string Text);
}
