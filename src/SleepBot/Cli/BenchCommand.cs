using System.CommandLine;
using System.Text.Json;
using SleepBot.Answering;
using SleepBot.Evaluation;
using SleepBot.Hosting;
using SleepBot.Knowledge;

namespace SleepBot.Cli;

/// <summary>Measures the answer pipeline in this process over the labelled question sets.</summary>
internal static class BenchCommand
{
    // The sets shipped in the repository, relative to the content root.
    private static readonly string[] DefaultSets =
    [
        "tests/SleepBot.Core.Tests/Data/retrieval-questions.jsonl",
        "tests/SleepBot.Core.Tests/Data/off-topic-questions.jsonl",
    ];

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var questions = new Option<FileInfo[]>("--questions")
        {
            Description = "JSON-lines question files ({\"id\", \"text\", \"topic\"}); default: the labelled sets under tests/SleepBot.Core.Tests/Data.",
            AllowMultipleArgumentsPerToken = true,
        };
        var seconds = new Option<double>("--seconds")
        {
            Description = "How long to measure messages per second on all cores.",
            DefaultValueFactory = _ => PipelineBenchmarkSettings.Default.ThroughputRun.TotalSeconds,
        };
        seconds.Validators.Add(result =>
        {
            if (result.GetValue(seconds) is <= 0 or > 600)
            {
                result.AddError("--seconds must be more than 0 and at most 600.");
            }
        });

        var command = new Command("bench", "Measure latency, messages per second, topic hits and memory of the answer pipeline.") { json, questions, seconds };
        command.SetAction((parse, cancellationToken) => CommandHost.RunAsync(async services =>
        {
            var root = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
            var files = parse.GetValue(questions) is { Length: > 0 } given
                ? given.Select(f => f.FullName).ToArray()
                : DefaultSets.Select(f => Path.Combine(root, f)).ToArray();
            if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
            {
                await Console.Error.WriteLineAsync($"{missing}: no such file. Pass question files with --questions.");
                return ExitCodes.BadInput;
            }

            IReadOnlyList<LabelledQuestion> set;
            try
            {
                set = [.. files.SelectMany(LabelledQuestion.Load)];
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return ExitCodes.BadInput;
            }

            if (set.Count == 0)
            {
                await Console.Error.WriteLineAsync("The question files hold no questions.");
                return ExitCodes.BadInput;
            }

            var settings = PipelineBenchmarkSettings.Default with { ThroughputRun = TimeSpan.FromSeconds(parse.GetValue(seconds)) };
            var benchmark = new PipelineBenchmark(services.GetRequiredService<AnswerPipeline>(), services.GetRequiredService<KnowledgeStore>());
            var report = await benchmark.RunAsync(set, settings, cancellationToken);
            await Console.Out.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(report, ContractJson.Indented) : Describe(report));
            return ExitCodes.Done;
        }));
        return command;
    }

    private static string Describe(PipelineBenchmarkReport r) =>
        $"""
        {r.Questions} questions against {r.KnowledgeEntries} knowledge entries ({r.Machine.ProcessorCount} cores, {r.Machine.Runtime})
        latency, one thread:   p50 {r.Latency.P50Microseconds} µs, p99 {r.Latency.P99Microseconds} µs, mean {r.Latency.MeanMicroseconds} µs ({r.Latency.Samples} messages)
        allocated per message: {r.AllocatedBytesPerMessage:N0} bytes
        all cores:             {r.Throughput.MessagesPerSecond:N0} messages/s ({r.Throughput.Workers} workers, {r.Throughput.Messages:N0} messages in {r.Throughput.Seconds} s)
        topic hits:            hit@1 {r.Accuracy.HitAt1:P1}, hit@3 {r.Accuracy.HitAt3:P1} of {r.Accuracy.Labelled} labelled; {r.Accuracy.OffTopicDeclined:P1} of {r.Accuracy.OffTopic} off-topic declined
        routes:                {r.Routes.Answer} answer, {r.Routes.ProfessionalHelp} professional help, {r.Routes.NoMatch} no match
        peak working set:      {r.PeakWorkingSetMegabytes} MB
        """;
}
