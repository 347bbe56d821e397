using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SleepBot.Discord.Models;
using SleepBot.Testing;
using SleepBot.Testing.Discord;

namespace SleepBot.Discord.Tests;

/// <summary>A simulator and a client wired through the real DI registration, sharing one fake clock.</summary>
internal sealed class DiscordHarness : IAsyncDisposable
{
    /// <summary>Fake time moved per poll while awaiting something that waits on the clock.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();

    private DiscordHarness(DiscordSimulator simulator, FakeTimeProvider time, ServiceProvider services)
    {
        Simulator = simulator;
        Time = time;
        _services = services;
        Client = services.GetRequiredService<IDiscordClient>();
        Logs = services.GetFakeLogCollector();
    }

    public DiscordSimulator Simulator { get; }
    public FakeTimeProvider Time { get; }
    public IDiscordClient Client { get; }
    public FakeLogCollector Logs { get; }
    public Task? Run { get; private set; }

    public static async Task<DiscordHarness> StartAsync(string? token = null, TimeSpan? requestTimeout = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var simulator = await DiscordSimulator.StartAsync(time);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = token ?? simulator.Token,
            ["Discord:ApiBaseUrl"] = simulator.ApiBaseUrl.ToString(),
            ["Discord:RequestTimeout"] = (requestTimeout ?? TimeSpan.FromSeconds(15)).ToString(),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging())
            .AddDiscordClient(configuration)
            .BuildServiceProvider();
        return new DiscordHarness(simulator, time, services);
    }

    public void StartClient() => Run = Client.RunAsync(_stop.Token);

    /// <summary>Starts the client and waits for its READY event.</summary>
    public async Task<ReadyEvent> ConnectAsync()
    {
        StartClient();
        return Assert.IsType<ReadyEvent>(await NextEventAsync());
    }

    public async Task<DiscordEvent> NextEventAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        try
        {
            return await Client.Events.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No Discord event arrived.");
        }
    }

    /// <summary>Awaits <paramref name="condition"/>, moving the fake clock a tick per poll.</summary>
    public Task AdvanceUntilAsync(Func<bool> condition, string what, TimeSpan? tick = null) =>
        Eventually.TrueAsync(condition, what, onPoll: () => Time.Advance(tick ?? Tick));

    /// <summary>Awaits a task that waits on the fake clock.</summary>
    public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, TimeSpan? tick = null)
    {
        await AdvanceUntilAsync(() => task.IsCompleted, "the operation to finish", tick);
        return await task;
    }

    public async Task AdvanceUntilDoneAsync(Task task, TimeSpan? tick = null)
    {
        await AdvanceUntilAsync(() => task.IsCompleted, "the operation to finish", tick);
        await task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Run is not null)
            await Run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
        _stop.Dispose();
    }
}
