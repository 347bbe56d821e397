using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace SleepBot.Discord;

internal enum RateDecision
{
    Answer,

    /// <summary>Over the limit for the first time in this flood: tell the user once.</summary>
    Notify,

    /// <summary>Still over the limit and already told: stay quiet.</summary>
    Drop,
}

/// <summary>
/// Each user may ask a few questions in quick succession, then one per <see cref="Refill"/>; a flood gets one
/// polite notice and is otherwise ignored, and never slows anyone else down.
/// </summary>
internal sealed class QuestionRateLimiter : IDisposable
{
    public const int Burst = 5;
    public static readonly TimeSpan Refill = TimeSpan.FromSeconds(12);

    public const string Notice =
        "You're sending questions faster than I can answer them well. Please give me a minute, then ask again. 💛";

    private readonly PartitionedRateLimiter<ulong> _limiter = PartitionedRateLimiter.Create<ulong, ulong>(userId =>
        RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = Refill,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private readonly ConcurrentDictionary<ulong, byte> _notified = new();

    public RateDecision Check(ulong userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        if (lease.IsAcquired)
        {
            _notified.TryRemove(userId, out _);
            return RateDecision.Answer;
        }
        return _notified.TryAdd(userId, 0) ? RateDecision.Notify : RateDecision.Drop;
    }

    public void Dispose() => _limiter.Dispose();
}
