using System.Collections.Concurrent;
using System.Globalization;

namespace SleepBot.Discord.Rest;

/// <summary>
/// Discord's REST limits for the whole process: per-route buckets (merged into Discord's bucket hash once a
/// response names it) and the global pause after a global 429. A singleton, because the HTTP handlers that use it
/// are recycled by <see cref="IHttpClientFactory"/>.
/// </summary>
internal sealed class RestRateLimiter(TimeProvider time)
{
    private static readonly TimeSpan IdleBucketLifetime = TimeSpan.FromMinutes(5);
    private const int PruneThreshold = 1024;

    private readonly ConcurrentDictionary<string, string> _hashByTemplate = new();
    private readonly ConcurrentDictionary<string, RateLimitBucket> _buckets = new();
    private long _globalPauseUntilTicks;

    public async Task<RateLimitBucket> AcquireAsync(DiscordRoute route, CancellationToken ct)
    {
        var bucket = _buckets.GetOrAdd(BucketKey(route), _ => new RateLimitBucket(time));
        await bucket.AcquireAsync(ct).ConfigureAwait(false);
        try
        {
            // Checked last, right before sending: a global 429 may have arrived while this request queued in its bucket.
            while (!route.ExemptFromGlobalLimit && GlobalPauseRemaining() is var pause && pause > TimeSpan.Zero)
                await Task.Delay(pause, time, ct).ConfigureAwait(false);
        }
        catch
        {
            bucket.Release();
            throw;
        }
        return bucket;
    }

    /// <summary>Reads the <c>X-RateLimit-*</c> headers of a response into the bucket it was sent under.</summary>
    public void Update(DiscordRoute route, RateLimitBucket bucket, HttpResponseMessage response)
    {
        if (Header(response, "X-RateLimit-Bucket") is { } hash && _hashByTemplate.TryAdd(route.Template, hash))
        {
            // The first response to name the bucket: later requests of this route share Discord's bucket.
            _buckets.TryAdd(hash + "|" + route.MajorParameter, bucket);
        }

        if (int.TryParse(Header(response, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)
            && double.TryParse(Header(response, "X-RateLimit-Reset-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter))
        {
            bucket.Update(remaining, TimeSpan.FromSeconds(resetAfter));
        }

        PruneIdleBuckets();
    }

    public void PauseAll(TimeSpan retryAfter)
    {
        var until = (time.GetUtcNow() + retryAfter).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _globalPauseUntilTicks);
            if (current >= until)
                return;
        }
        while (Interlocked.CompareExchange(ref _globalPauseUntilTicks, until, current) != current);
    }

    private TimeSpan GlobalPauseRemaining() =>
        new DateTimeOffset(Interlocked.Read(ref _globalPauseUntilTicks), TimeSpan.Zero) - time.GetUtcNow();

    private string BucketKey(DiscordRoute route) =>
        (_hashByTemplate.TryGetValue(route.Template, out var hash) ? hash : route.Template) + "|" + route.MajorParameter;

    // Interaction tokens make a new major parameter per interaction; drop buckets nobody used for a while.
    private void PruneIdleBuckets()
    {
        if (_buckets.Count < PruneThreshold)
            return;
        var now = time.GetUtcNow();
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsIdle(now, IdleBucketLifetime))
                _buckets.TryRemove(key, out _);
        }
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
