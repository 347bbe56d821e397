using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SleepBot.Answering;
using SleepBot.Knowledge;

namespace SleepBot.Core.Tests.Fuzz;

/// <summary>
/// The real pipeline (appsettings.json, AddSleepBotCore) on the repository's knowledge folder. Only the coverage log
/// is swapped for memory, so fuzzed questions never reach a SQLite file.
/// </summary>
public sealed class ShippedPipeline : IDisposable
{
    private readonly IHost _host;

    public ShippedPipeline()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = RepositoryRoot, DisableDefaults = true, Args = [] });
        builder.Configuration.AddJsonFile(Path.Combine(RepositoryRoot, "appsettings.json"));
        builder.Services.AddSleepBotCore(builder.Configuration);
        builder.Services.AddSingleton<ICoverageLog, InMemoryCoverageLog>();
        _host = builder.Build();
        Pipeline = _host.Services.GetRequiredService<AnswerPipeline>();
        Store = _host.Services.GetRequiredService<KnowledgeStore>();
    }

    /// <summary>The clone the tests run from: knowledge/, appsettings.json and the question sets live there.</summary>
    public static string RepositoryRoot { get; } = LocateRepository();

    public AnswerPipeline Pipeline { get; }

    public KnowledgeStore Store { get; }

    public BotReply Answer(Question question) => Pipeline.AnswerAsync(question, CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose() => _host.Dispose();

    private static string LocateRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SleepBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No SleepBot.sln above the test binaries.");
    }

    private sealed class InMemoryCoverageLog : ICoverageLog
    {
        private int _recorded;

        public Task RecordAsync(string question, double bestScore, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _recorded);
            return Task.CompletedTask;
        }
    }
}
