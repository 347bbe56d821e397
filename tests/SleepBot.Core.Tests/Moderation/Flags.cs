using SleepBot.Answering;
using SleepBot.Moderation;
using SleepBot.Safety;

namespace SleepBot.Core.Tests.Moderation;

internal static class Flags
{
    public static SafetyVerdict Emergency { get; } =
        new(SafetyTier.Emergency, [SafetyCategory.Illness, SafetyCategory.YoungInfant], ["fever 39C", "age 3 weeks"]);

    public static FlaggedReply FromDiscord(DateTimeOffset at, string messageId = "300", string text = "my 3 week old has a fever of 39C") =>
        new(new Question(text) { Origin = new MessageOrigin("discord", "100", "200", messageId, "400") }, Emergency, "Call 999 now.", at);
}
