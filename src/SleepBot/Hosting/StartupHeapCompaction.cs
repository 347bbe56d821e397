namespace SleepBot.Hosting;

/// <summary>
/// Collects garbage once start-up is done and before the bot listens, so that what start-up built to keep (the
/// knowledge index, the safety rules, what the rehearsal question warmed up) is already in the oldest generation when
/// the first questions arrive.
/// </summary>
/// <remarks>
/// Otherwise the first collection after start falls in the first burst of questions and must copy all of it: on the
/// 2-core machine the bot is sized for, a 20–30 ms pause for every question in flight (docs/load-test.md). Two
/// collections, because each moves survivors up one generation only: after one, the youngest of it would still wait
/// in generation 1 for a later collection to copy it.
/// </remarks>
internal sealed partial class StartupHeapCompaction(TimeProvider time, ILogger<StartupHeapCompaction> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        GC.Collect();
        // Aggressive also hands back to the system what start-up no longer needs, such as the learned reading's
        // training buffers, which would otherwise stay in the idle bot's working set.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        LogCompacted(time.GetElapsedTime(started).TotalMilliseconds, GC.GetTotalMemory(forceFullCollection: false) / (1024 * 1024));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Collected start-up garbage in {Milliseconds:0.#} ms before listening; {HeldMegabytes} MB held")]
    private partial void LogCompacted(double milliseconds, long heldMegabytes);
}
