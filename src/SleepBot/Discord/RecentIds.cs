namespace SleepBot.Discord;

/// <summary>
/// Ids already handled, so a message or interaction delivered twice (a resume replay, a reconnect) is answered
/// once. Bounded: the oldest ids are forgotten, long after Discord would redeliver them.
/// </summary>
internal sealed class RecentIds(int capacity)
{
    private readonly HashSet<ulong> _ids = [];
    private readonly Queue<ulong> _order = new();
    private readonly Lock _lock = new();

    /// <summary>False if the id was seen before.</summary>
    public bool TryAdd(ulong id)
    {
        lock (_lock)
        {
            if (!_ids.Add(id))
                return false;
            _order.Enqueue(id);
            if (_order.Count > capacity)
                _ids.Remove(_order.Dequeue());
            return true;
        }
    }
}
