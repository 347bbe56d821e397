using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SleepBot.Answering;
using SleepBot.Hosting;
using SleepBot.Knowledge;

namespace SleepBot.Cli;

/// <summary>The consultant's verbs: check the knowledge folder, and see what it could not answer.</summary>
internal static class KnowledgeCommands
{
    public static Command Create() => new("knowledge", "Check the knowledge folder and see which questions it could not answer.")
    {
        Lint(),
        Coverage(),
    };

    private static Command Lint()
    {
        var json = new Option<bool>("--json") { Description = "Print the problems as a JSON array." };
        var command = new Command("lint", "Check every knowledge file; exit 1 on any error.") { json };
        command.SetAction((parse, _) => CommandHost.RunAsync(async services =>
        {
            var store = services.GetRequiredService<KnowledgeStore>();
            var snapshot = store.Current;
            var problems = snapshot.Problems.ToList();
            var seeds = services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.SeedsPath;
            if (!string.IsNullOrWhiteSpace(seeds))
            {
                SeedCopyCheck.Run(store.FolderPath, snapshot.Entries, Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, seeds), problems);
            }

            problems = [.. problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line)];
            var errors = problems.Count(p => p.Severity == ProblemSeverity.Error);
            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(problems, ContractJson.Indented));
            }
            else
            {
                foreach (var problem in problems)
                {
                    await Console.Out.WriteLineAsync(problem.ToString());
                }

                var examples = snapshot.Safety.Learned is { } learned ? $", {learned.ExampleCount} labelled safety examples" : "";
                await Console.Out.WriteLineAsync(
                    $"{snapshot.Entries.Count} entries{examples} in {store.FolderPath}: {errors} error(s), {problems.Count - errors} warning(s).{(errors == 0 ? " All good." : "")}");
            }

            return errors > 0 ? ExitCodes.BadInput : ExitCodes.Done;
        }));
        return command;
    }

    private static Command Coverage()
    {
        var json = new Option<bool>("--json") { Description = "Print the groups as a JSON array." };
        var command = new Command("coverage", "The questions that found no good answer, grouped by wording, most frequent first.") { json };
        command.SetAction((parse, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            var gaps = await services.GetRequiredService<SqliteCoverageLog>().ReportAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(gaps, ContractJson.Indented));
                return ExitCodes.Done;
            }

            if (gaps.Count == 0)
            {
                await Console.Out.WriteLineAsync("No unanswered questions recorded. Every question found a good match.");
                return ExitCodes.Done;
            }

            foreach (var gap in gaps)
            {
                await Console.Out.WriteLineAsync($"{gap.Count,4}×  \"{gap.Example}\"  (first {gap.FirstAsked:yyyy-MM-dd}, last {gap.LastAsked:yyyy-MM-dd}, best match {gap.BestScore:0.00})");
                foreach (var variant in gap.Variants)
                {
                    await Console.Out.WriteLineAsync($"        also: \"{variant}\"");
                }
            }

            return ExitCodes.Done;
        }));
        return command;
    }
}
