namespace SleepBot.Discord.Rest;

/// <summary>
/// One Discord rate-limit bucket. Requests in a bucket go one at a time, so <c>X-RateLimit-Remaining</c>
/// read from the previous response is always current; when it reaches zero the next request waits for the reset.
/// </summary>
internal sealed class RateLimitBucket(TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int? _remaining;
    private DateTimeOffset _resetAt;

    public DateTimeOffset LastUsed { get; private set; } = time.GetUtcNow();

    public bool IsIdle(DateTimeOffset now, TimeSpan idleFor) => _gate.CurrentCount == 1 && now - LastUsed > idleFor;

    /// <summary>Waits for this bucket's turn and, if it is exhausted, for its reset. Release with <see cref="Release"/>.</summary>
    public async Task AcquireAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // A loop, because timers may fire a little before the clock reaches the reset time.
            while (_remaining == 0 && _resetAt - time.GetUtcNow() is var wait && wait > TimeSpan.Zero)
                await Task.Delay(wait, time, ct).ConfigureAwait(false);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public void Release()
    {
        LastUsed = time.GetUtcNow();
        _gate.Release();
    }

    /// <summary>Applies the limits a response advertised. Called while the bucket is held.</summary>
    public void Update(int remaining, TimeSpan resetAfter)
    {
        _remaining = remaining;
        _resetAt = time.GetUtcNow() + resetAfter;
    }

    /// <summary>A 429 for this bucket: nothing more until <paramref name="retryAfter"/> has passed.</summary>
    public void Exhaust(TimeSpan retryAfter) => Update(0, retryAfter);
}
