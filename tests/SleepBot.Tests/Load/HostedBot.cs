using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SleepBot.Hosting;
using SleepBot.Testing;
using SleepBot.Tests.Discord;
using SleepBot.Testing.Discord;

namespace SleepBot.Tests.Load;

/// <summary>
/// The real host on a simulator, as the operator configures it, with hooks the load and fault tests need:
/// extra settings (knowledge folder, database) and extra services added after the bot's own (so they win or wrap).
/// </summary>
internal sealed class HostedBot : IAsyncDisposable
{
    public const ulong HelpChannel = BotHarness.HelpChannel;

    private readonly string _database;

    private HostedBot(DiscordSimulator simulator, IHost host, string database)
    {
        Simulator = simulator;
        Host = host;
        _database = database;
        Logs = host.Services.GetFakeLogCollector();
    }

    public DiscordSimulator Simulator { get; }
    public IHost Host { get; }
    public FakeLogCollector Logs { get; }

    public static async Task<HostedBot> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        LogLevel minimumLevel = LogLevel.Debug)
    {
        var simulator = await DiscordSimulator.StartAsync();
        var database = BotHarness.NewDatabasePath();
        var builder = BotHarness.CreateBotBuilder(simulator, database, settings, minimumLevel);
        SleepBotHost.AddWorker(builder);
        // After the bot's own: a service registered again here is the one resolved, and HTTP handler hooks run last.
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        await simulator.WaitForReadyAsync();
        await simulator.WaitUntilAsync(s => s.CommandRegistrations.Count == 1, "/ask to be registered");
        return new HostedBot(simulator, host, database);
    }

    /// <summary>Replies to <paramref name="question"/>, or answers in the thread started from it.</summary>
    public IEnumerable<SimMessage> RepliesTo(SimMessage question) =>
        Simulator.BotMessages.Where(m => m.ReplyToMessageId == question.Id || m.ChannelId == question.Id);

    /// <summary>
    /// The first log record from the <paramref name="after"/>th on that matches, as soon as it is logged: for work the bot
    /// does after the reply, such as writing the coverage report.
    /// </summary>
    public async Task<FakeLogRecord> WaitForLogAsync(Func<FakeLogRecord, bool> match, string what, int after = 0, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        try
        {
            var index = 0;
            // Every record so far, then each new one as it is logged.
            await foreach (var record in Logs.GetLogsAsync(deadline.Token))
            {
                if (index++ >= after && match(record))
                    return record;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"Timed out waiting for the log: {what}");
    }

    public Task<SimMessage> ReplyToAsync(SimMessage question, TimeSpan? timeout = null) =>
        Simulator.WaitForBotMessageAsync(m => m.ReplyToMessageId == question.Id || m.ChannelId == question.Id, $"a reply to message {question.Id}", timeout);

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Simulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
            File.Delete(file);
    }
}
