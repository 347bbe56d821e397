using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SleepBot.Answering;
using SleepBot.Hosting;
using SleepBot.Testing.Discord;

namespace SleepBot.Tests.Discord;

/// <summary>The real host, configured as an operator would (token, API base URL, guild, help channel), on a simulator.</summary>
internal sealed class BotHarness : IAsyncDisposable
{
    public const ulong HelpChannel = 1_400_000_000_000_000_001;
    public const ulong GeneralChannel = 1_400_000_000_000_000_002;
    public const ulong DmChannel = 1_400_000_000_000_000_003;
    public const ulong Parent = 1_500_000_000_000_000_001;
    public const ulong OtherParent = 1_500_000_000_000_000_002;

    public const string SleepQuestion = "my 7mo screams for 20 min when I put her down awake, is that normal?";

    private readonly bool _ownsDatabase;

    private BotHarness(DiscordSimulator simulator, IHost host, string database, bool ownsDatabase)
    {
        Simulator = simulator;
        Host = host;
        Database = database;
        _ownsDatabase = ownsDatabase;
        Logs = host.Services.GetFakeLogCollector();
    }

    /// <summary>The SQLite file the bot uses.</summary>
    public string Database { get; }

    public DiscordSimulator Simulator { get; }
    public IHost Host { get; }
    public FakeLogCollector Logs { get; }

    /// <summary>Every parent's question the pipeline wrote an answer for, as the bot built it.</summary>
    public IReadOnlyCollection<Question> AnsweredQuestions => [.. AllAnsweredQuestions.Where(q => !q.Rehearsal)];

    /// <summary>The same, with the rehearsal the bot answers before it starts listening.</summary>
    public IReadOnlyCollection<Question> AllAnsweredQuestions => Host.Services.GetRequiredService<RecordingAnswerWriter>().Questions;

    /// <param name="settings">Further configuration, e.g. <c>Discord:ModeratorChannelId</c>.</param>
    /// <param name="database">An existing database to run on (a restart); the caller deletes it. Otherwise a fresh one, deleted at dispose.</param>
    public static async Task<BotHarness> StartAsync(
        Action<DiscordSimulator>? configure = null, bool waitForReady = true, IReadOnlyDictionary<string, string?>? settings = null, string? database = null)
    {
        var simulator = await DiscordSimulator.StartAsync();
        configure?.Invoke(simulator);
        var ownsDatabase = database is null;
        database ??= NewDatabasePath();
        var builder = CreateBotBuilder(simulator, database, settings, LogLevel.Debug);
        builder.Services.AddSingleton<RecordingAnswerWriter>();
        builder.Services.AddSingleton<IAnswerWriter>(sp => sp.GetRequiredService<RecordingAnswerWriter>());
        SleepBotHost.AddWorker(builder);
        var host = builder.Build();
        await host.StartAsync();
        var harness = new BotHarness(simulator, host, database, ownsDatabase);
        if (waitForReady)
        {
            await simulator.WaitForReadyAsync();
            await simulator.WaitUntilAsync(s => s.CommandRegistrations.Count == 1, "/ask to be registered");
        }
        return harness;
    }

    public static string NewDatabasePath()
    {
        var database = Path.Combine(Path.GetTempPath(), "sleepbot-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        return database;
    }

    /// <summary>The program's host builder, configured as an operator would to run the bot on <paramref name="simulator"/>.</summary>
    public static HostApplicationBuilder CreateBotBuilder(
        DiscordSimulator simulator, string database, IReadOnlyDictionary<string, string?>? settings, LogLevel minimumLevel)
    {
        var builder = SleepBotHost.CreateBuilder(forCommand: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = simulator.Token,
            ["Discord:ApiBaseUrl"] = simulator.ApiBaseUrl.ToString(),
            ["Discord:GuildIds:0"] = simulator.GuildId.ToString(CultureInfo.InvariantCulture),
            ["Discord:HelpChannelIds:0"] = HelpChannel.ToString(CultureInfo.InvariantCulture),
            ["ConnectionStrings:SleepBot"] = "Data Source=" + database,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders().SetMinimumLevel(minimumLevel).AddFakeLogging();
        return builder;
    }

    public Task<SimMessage> ReplyToAsync(SimMessage question) =>
        Simulator.WaitForBotMessageAsync(m => m.ReplyToMessageId == question.Id, $"a reply to message {question.Id}");

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Simulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDatabase)
        {
            File.Delete(Database);
        }
    }
}

/// <summary>The default writer, noting each question it answers.</summary>
internal sealed class RecordingAnswerWriter : IAnswerWriter
{
    private readonly ExtractiveAnswerWriter _writer = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<Question> _questions = new();

    public IReadOnlyCollection<Question> Questions => _questions;

    public Task<AnswerDraft> WriteAsync(Question question, IReadOnlyList<SleepBot.Retrieval.SearchHit> hits, SleepBot.Knowledge.KnowledgeSnapshot knowledge, CancellationToken cancellationToken)
    {
        _questions.Enqueue(question);
        return _writer.WriteAsync(question, hits, knowledge, cancellationToken);
    }
}
