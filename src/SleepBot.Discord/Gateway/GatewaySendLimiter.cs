namespace SleepBot.Discord.Gateway;

/// <summary>
/// Keeps one connection under Discord's 120 sends per 60 s (over it, Discord disconnects). Heartbeats count too,
/// so other sends stop earlier and leave heartbeats room.
/// </summary>
internal sealed class GatewaySendLimiter(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    public const int HeartbeatLimit = 116;
    public const int OtherLimit = 108;

    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _lock = new();

    public async Task WaitAsync(bool heartbeat, CancellationToken ct)
    {
        var limit = heartbeat ? HeartbeatLimit : OtherLimit;
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                while (_sent.Count > 0 && now - _sent.Peek() >= Window)
                    _sent.Dequeue();
                if (_sent.Count < limit)
                {
                    _sent.Enqueue(now);
                    return;
                }
                // The send that must leave the window before this one may go.
                wait = _sent.ElementAt(_sent.Count - limit) + Window - now;
            }
            await Task.Delay(wait, time, ct).ConfigureAwait(false);
        }
    }
}
