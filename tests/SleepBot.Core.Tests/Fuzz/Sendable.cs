using System.Text.RegularExpressions;
using SleepBot.Answering;

namespace SleepBot.Core.Tests.Fuzz;

/// <summary>What every reply must be before it may go to Discord, whatever the parent wrote.</summary>
internal static partial class Sendable
{
    public static void Assert(BotReply reply)
    {
        Xunit.Assert.True(Enum.IsDefined(reply.Route), $"Unknown route {(int)reply.Route}.");
        Xunit.Assert.False(string.IsNullOrWhiteSpace(reply.Answer), "The reply is empty.");
        Xunit.Assert.True(reply.Answer.Length <= ReplyText.MaxLength, $"The reply is {reply.Answer.Length} UTF-16 units long.");
        Xunit.Assert.False(RawMention().IsMatch(reply.Answer), $"The reply mentions someone: {RawMention().Match(reply.Answer).Value}");
    }

    // @everyone, @here, users <@id> or <@!id>, roles <@&id>: anything that would ping people.
    [GeneratedRegex(@"@everyone|@here|<@[!&]?\d*>?", RegexOptions.IgnoreCase)]
    private static partial Regex RawMention();
}
