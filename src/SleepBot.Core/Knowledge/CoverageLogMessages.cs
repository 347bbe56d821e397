using Microsoft.Extensions.Logging;

namespace SleepBot.Knowledge;

/// <summary>The one warning for a question the coverage report lost, whether queueing or writing it failed.</summary>
internal static partial class CoverageLogMessages
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record an unanswered question for the coverage report")]
    public static partial void RecordFailed(ILogger logger, Exception exception);
}
