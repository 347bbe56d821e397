using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SleepBot.Knowledge;

/// <summary>
/// Writes the questions in <see cref="CoverageQueue"/> to the coverage log, one at a time. At stop it closes the
/// queue and writes what is left before the host goes on stopping, so a question asked just before a restart is
/// still in the consultant's report. A write that fails is logged and the next one is tried.
/// </summary>
/// <remarks>
/// Not a <see cref="BackgroundService"/>: a host that stops right after starting (a chat fed one piped line) can
/// cancel its ExecuteAsync before it ever runs, and the questions queued by then would never be written.
/// </remarks>
public sealed partial class CoverageWriter(CoverageQueue queue, SqliteCoverageLog log, ILogger<CoverageWriter> logger) : IHostedService
{
    private Task _writing = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writing = Task.Run(WriteAllAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Close();
        // Done when the last question is written, or when the host's shutdown timeout ends the wait.
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (queue.Count > 0)
        {
            LogNotDrained(queue.Count);
        }
    }

    private async Task WriteAllAsync()
    {
        // Ends when StopAsync closes the queue and the last question is read.
        await foreach (var question in queue.ReadAllAsync())
        {
            try
            {
                // Not cancelled at stop, or the last questions would be lost: SQLite's busy timeout bounds a write on a locked file.
                await log.RecordAsync(question, CancellationToken.None);
                LogRecorded(question.BestScore);
            }
            catch (Exception ex)
            {
                CoverageLogMessages.RecordFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Recorded an unanswered question for the coverage report (best score {BestScore:0.###})")]
    private partial void LogRecorded(double bestScore);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped with {Count} unanswered question(s) not yet recorded for the coverage report")]
    private partial void LogNotDrained(int count);
}
