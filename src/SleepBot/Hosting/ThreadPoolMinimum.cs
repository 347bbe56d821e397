using Microsoft.Extensions.Options;

namespace SleepBot.Hosting;

/// <summary>
/// Raises the thread pool's minimum to one thread per core plus <see cref="ThreadPoolOptions.ExtraMinThreads"/> before
/// the bot starts listening.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite runs its async calls synchronously, so two kinds of write block a pool thread while they
/// last: the flag stored before a professional-help reply is sent (a product rule), and the coverage writer's inserts
/// (up to about a second each on a locked file; the flag, up to the 5 s busy timeout). The pool starts threads at once
/// only up to its minimum, one per core by default (two on the 2-core machine the bot is sized for); past it, it adds
/// about one every half second. With both writers blocked on a 2-core machine, the gateway's receive loop and every
/// other answer would wait that long. The cost is at most two more threads, idle while nothing blocks.
/// </remarks>
internal sealed partial class ThreadPoolMinimum(IOptions<ThreadPoolOptions> options, ILogger<ThreadPoolMinimum> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        // From the core count, not the current minimum: a process that starts the host again (the tests) must not add up.
        var wanted = Environment.ProcessorCount + options.Value.ExtraMinThreads;
        if (wanted > workers && ThreadPool.SetMinThreads(wanted, completionPorts))
        {
            LogRaised(workers, wanted);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Thread pool minimum raised from {From} to {To} worker threads")]
    private partial void LogRaised(int from, int to);
}
