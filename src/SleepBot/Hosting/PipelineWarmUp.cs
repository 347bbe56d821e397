using SleepBot.Answering;

namespace SleepBot.Hosting;

/// <summary>
/// Answers one rehearsal question before the bot starts listening, so the first parent after a start does not
/// wait for the answer path's one-time costs (JIT compilation, first use of the index and the writer).
/// Registered before the Discord worker and the terminal chat: the host starts services one after another.
/// </summary>
internal sealed partial class PipelineWarmUp(AnswerPipeline pipeline, TimeProvider time, ILogger<PipelineWarmUp> logger) : IHostedService
{
    // An ordinary sleep-training question: the safety check, retrieval and the answer writer all run.
    private const string RehearsalQuestion = "my baby cries when I put her down awake, is that normal?";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            // A rehearsal flags nothing and records nothing for the coverage report.
            var reply = await pipeline.AnswerAsync(new Question(RehearsalQuestion) { Rehearsal = true }, cancellationToken);
            LogWarmedUp(time.GetElapsedTime(started).TotalMilliseconds, reply.Route);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the first answer's speed is at stake; each real message still gets its own error handling.
            LogWarmUpFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered a rehearsal question in {Milliseconds:0.#} ms before listening (route {Route})")]
    private partial void LogWarmedUp(double milliseconds, AnswerRoute route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rehearsal question before listening failed; starting anyway")]
    private partial void LogWarmUpFailed(Exception exception);
}
