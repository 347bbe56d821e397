using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SleepBot.Hosting;
using SleepBot.Tests.Cli;

namespace SleepBot.Tests.Hosting;

public sealed class ThreadPoolMinimumTests
{
    [Fact]
    public async Task The_minimum_is_one_thread_per_core_plus_the_extra_however_often_a_host_starts()
    {
        var minimum = new ThreadPoolMinimum(Options.Create(new ThreadPoolOptions { ExtraMinThreads = 2 }), NullLogger<ThreadPoolMinimum>.Instance);

        await minimum.StartAsync(CancellationToken.None);
        ThreadPool.GetMinThreads(out var once, out _);
        await minimum.StartAsync(CancellationToken.None);
        ThreadPool.GetMinThreads(out var twice, out _);

        // At least: the test process may have raised it further (other tests' hosts use the same setting).
        Assert.True(once >= Environment.ProcessorCount + 2, $"minimum {once} with {Environment.ProcessorCount} cores");
        Assert.Equal(once, twice);
    }

    [Fact]
    public async Task A_wrong_extra_stops_the_bot_with_exit_code_3_naming_the_key()
    {
        var (exit, _, stderr) = await SleepBotProcess.RunAsync([], stdin: "", environment: new Dictionary<string, string> { ["ThreadPool__ExtraMinThreads"] = "-1" });

        Assert.Equal(3, exit);
        Assert.Contains("ThreadPool:ExtraMinThreads", stderr, StringComparison.Ordinal);
    }
}
