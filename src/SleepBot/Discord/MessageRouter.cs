using System.Text.RegularExpressions;
using SleepBot.Discord.Models;

namespace SleepBot.Discord;

/// <summary>Where the answer to a message goes, if it is answered at all.</summary>
internal enum ReplyPlacement
{
    Ignore,

    /// <summary>A question in a help channel: answered in a thread started from it.</summary>
    NewThread,

    /// <summary>A follow-up in a help thread: answered there, with the thread's earlier turns in view.</summary>
    InThread,

    /// <summary>A mention or a direct message: answered as a reply in the same channel.</summary>
    Reply,
}

internal static partial class MessageRouter
{
    public static ReplyPlacement Place(DiscordMessage message, ulong botUserId, IReadOnlyCollection<ulong> helpChannelIds, bool inHelpThread)
    {
        // Bots (this one included) and webhooks are never answered: two bots answering each other never stop.
        if (message.Author.Bot || message.Author.Id == botUserId || message.WebhookId is not null)
            return ReplyPlacement.Ignore;
        // Only what people type (default messages and replies), not joins, pins or thread notices.
        if (message.Type is not (0 or 19) || QuestionText(message.Content, botUserId).Length == 0)
            return ReplyPlacement.Ignore;
        if (message.IsDirectMessage)
            return ReplyPlacement.Reply;
        if (helpChannelIds.Contains(message.ChannelId))
            return ReplyPlacement.NewThread;
        if (inHelpThread)
            return ReplyPlacement.InThread;
        return message.Mentions.Any(u => u.Id == botUserId) ? ReplyPlacement.Reply : ReplyPlacement.Ignore;
    }

    /// <summary>The question without the bot's own mention.</summary>
    public static string QuestionText(string content, ulong botUserId) =>
        MentionPattern().Replace(content, m => m.Groups[1].Value == botUserId.ToString(System.Globalization.CultureInfo.InvariantCulture) ? "" : m.Value).Trim();

    /// <summary>A thread title from the question: its first line, cut at a word within Discord's 100 characters.</summary>
    public static string ThreadName(string question)
    {
        var firstLine = question.Split('\n', 2)[0].Trim();
        return firstLine.Length == 0 ? "Your question" : SleepBot.Answering.ReplyText.Truncate(firstLine, 80);
    }

    [GeneratedRegex(@"<@!?(\d+)>")]
    private static partial Regex MentionPattern();
}
