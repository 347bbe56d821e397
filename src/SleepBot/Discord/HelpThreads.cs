namespace SleepBot.Discord;

/// <summary>
/// The threads this bot started for help-channel questions, with the question each began with, so follow-ups
/// there are answered in context. Kept in memory and bounded; after a restart, older threads answer mentions only.
/// </summary>
internal sealed class HelpThreads
{
    private const int Capacity = 5_000;

    private readonly Dictionary<ulong, string> _questions = [];
    private readonly Queue<ulong> _order = new();
    private readonly Lock _lock = new();

    public void Add(ulong threadId, string question)
    {
        lock (_lock)
        {
            if (!_questions.TryAdd(threadId, question))
                return;
            _order.Enqueue(threadId);
            if (_order.Count > Capacity)
                _questions.Remove(_order.Dequeue());
        }
    }

    public bool TryGetQuestion(ulong threadId, out string question)
    {
        lock (_lock)
            return _questions.TryGetValue(threadId, out question!);
    }
}
