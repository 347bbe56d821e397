using SleepBot.Answering;
using SleepBot.Safety;

namespace SleepBot.Moderation;

/// <summary>A professional-help reply a person must review, handed over before the reply is sent.</summary>
public sealed record FlaggedReply(Question Question, SafetyVerdict Verdict, string Reply, DateTimeOffset At);

/// <summary>Where flagged replies go: the moderators' queue.</summary>
public interface IFlagSink
{
    Task FlagAsync(FlaggedReply flag, CancellationToken cancellationToken);
}
