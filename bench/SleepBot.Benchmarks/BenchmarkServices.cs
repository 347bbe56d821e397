using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SleepBot.Evaluation;

namespace SleepBot.Benchmarks;

/// <summary>The bot's own services (appsettings.json, AddSleepBotCore) over a chosen knowledge folder, without logging.</summary>
internal static class BenchmarkServices
{
    public static IHost Create(string knowledgePath)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Repository.Root,
            DisableDefaults = true,
            Args = [],
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(Repository.Root, "appsettings.json"))
            .AddInMemoryCollection([new("Knowledge:Path", knowledgePath)]);
        builder.Services.AddSleepBotCore(builder.Configuration);
        return builder.Build();
    }

    /// <summary>The labelled questions and the off-topic ones, as the <c>bench</c> verb reads them.</summary>
    public static IReadOnlyList<LabelledQuestion> AllQuestions() =>
        [.. LabelledQuestion.Load(Repository.QuestionFile("retrieval-questions.jsonl")), .. LabelledQuestion.Load(Repository.QuestionFile("off-topic-questions.jsonl"))];

    public static IReadOnlyList<LabelledQuestion> TopicQuestions() => LabelledQuestion.Load(Repository.QuestionFile("retrieval-questions.jsonl"));
}
