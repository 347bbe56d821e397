using System.Threading.Channels;

namespace SleepBot.Knowledge;

/// <summary>A weakly answered question waiting to be written for the coverage report.</summary>
public sealed record UnansweredQuestion(string Text, double BestScore, DateTimeOffset AskedAt);

/// <summary>
/// The coverage log as the running bot uses it: a question is queued in memory and <see cref="CoverageWriter"/>
/// writes it to SQLite, so no parent's reply waits for the database. Microsoft.Data.Sqlite's async calls run
/// synchronously, so a write on the reply path held a thread-pool thread for every weak answer in a burst.
/// </summary>
public sealed class CoverageQueue(TimeProvider time) : ICoverageLog
{
    /// <summary>
    /// Questions waiting for the database, at most. At about ten weak answers a second (the load test's rate) this
    /// is more than a minute and a half of a locked database file; each question is at most a few kilobytes.
    /// </summary>
    public const int Capacity = 1000;

    private readonly Channel<UnansweredQuestion> _questions = Channel.CreateBounded<UnansweredQuestion>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private volatile bool _closed;

    /// <summary>Questions queued and not yet written.</summary>
    public int Count => _questions.Reader.Count;

    /// <summary>Queues the question; throws if the queue is full or closed, and the caller logs that it was not recorded.</summary>
    public Task RecordAsync(string question, double bestScore, CancellationToken cancellationToken)
    {
        if (_questions.Writer.TryWrite(new UnansweredQuestion(question, bestScore, time.GetUtcNow())))
        {
            return Task.CompletedTask;
        }

        return Task.FromException(new InvalidOperationException(_closed
            ? "The bot is stopping; the coverage queue no longer takes questions."
            : $"The coverage queue is full ({Capacity} questions waiting for the database)."));
    }

    /// <summary>Everything queued until <see cref="Close"/>, then the end.</summary>
    public IAsyncEnumerable<UnansweredQuestion> ReadAllAsync() => _questions.Reader.ReadAllAsync(CancellationToken.None);

    /// <summary>Takes no more questions; those already queued are still read.</summary>
    public void Close()
    {
        _closed = true;
        _questions.Writer.TryComplete();
    }
}
