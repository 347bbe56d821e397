using Microsoft.Extensions.Logging;

namespace SleepBot.Moderation;

/// <summary>Tells the operator what would go to the moderators' queue (no queue is configured).</summary>
public sealed partial class LoggingFlagSink(ILogger<LoggingFlagSink> logger) : IFlagSink
{
    public Task FlagAsync(FlaggedReply flag, CancellationToken cancellationToken)
    {
        LogFlagged(flag.Verdict.Tier, string.Join(", ", flag.Verdict.Categories), string.Join("; ", flag.Verdict.Signals));
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flagged for moderators: tier {Tier}, categories {Categories}, signals {Signals}")]
    private partial void LogFlagged(Safety.SafetyTier tier, string categories, string signals);
}
