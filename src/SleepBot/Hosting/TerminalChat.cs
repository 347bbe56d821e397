using SleepBot.Answering;
using SleepBot.Knowledge;

namespace SleepBot.Hosting;

/// <summary>
/// The bot without Discord: each line on stdin is a parent's message, answered on stdout through the same
/// pipeline. Ends the application when input ends, so piping a question in prints one answer and exits.
/// </summary>
internal sealed partial class TerminalChat(
    AnswerPipeline pipeline,
    KnowledgeStore knowledge,
    IHostApplicationLifetime lifetime,
    ILogger<TerminalChat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (and log) before the chat takes the terminal.
        await Task.Yield();
        var interactive = !Console.IsInputRedirected;
        var banner = interactive ? Console.Out : Console.Error;
        await banner.WriteLineAsync(Banner(knowledge.Current.Entries.Count, knowledge.FolderPath));

        while (!stoppingToken.IsCancellationRequested)
        {
            if (interactive)
            {
                await Console.Out.WriteAsync("you> ");
            }

            // WaitAsync: a console read cannot be cancelled, but Ctrl+C must not wait for the next line.
            var line = await Console.In.ReadLineAsync(stoppingToken).AsTask().WaitAsync(stoppingToken);
            if (line is null)
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var reply = await pipeline.AnswerAsync(new Question(line) { Origin = new MessageOrigin("terminal") }, stoppingToken);
                await Console.Out.WriteLineAsync((interactive ? "sleepbot> " : "") + reply.Answer);
                if (reply.Flagged)
                {
                    await Console.Out.WriteLineAsync($"[flagged for moderators: {reply.Safety.Tier.ToString().ToLowerInvariant()}; {string.Join("; ", reply.Safety.Signals)}]");
                }

                await Console.Out.WriteLineAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogAnswerFailed(ex);
                await Console.Out.WriteLineAsync("Sorry, something went wrong answering that. Please try again.");
            }
        }

        lifetime.StopApplication();
    }

    private static string Banner(int entries, string folder) =>
        $"""
        SleepBot terminal chat: answering from {entries} knowledge entries in {folder}.
        Type a question and press Enter. End with Ctrl+D (Ctrl+Z then Enter on Windows) or Ctrl+C.
        To run on Discord instead, set Discord__Token (see README, "Run it on your Discord server").
        """;

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering a terminal message failed")]
    private partial void LogAnswerFailed(Exception exception);
}
