using System.Globalization;
using System.Text;
using SleepBot.Answering;
using SleepBot.Discord.Models;
using SleepBot.Moderation;
using SleepBot.Safety;

namespace SleepBot.Discord.Moderation;

/// <summary>How a flag reads in the moderators' channel: one message with the verdict, the links, the reply and three buttons.</summary>
internal static class ModeratorPost
{
    private const string CustomIdPrefix = "flag:";

    private static readonly (FlagDecision Decision, string Key, string Label, ButtonStyle Style)[] Buttons =
    [
        (FlagDecision.Acknowledge, "ack", "Acknowledge", ButtonStyle.Primary),
        (FlagDecision.Resolve, "resolve", "Resolve", ButtonStyle.Success),
        (FlagDecision.FalseAlarm, "false_alarm", "False alarm", ButtonStyle.Secondary),
    ];

    /// <summary>The first post. Emergency and crisis flags ping the moderator roles: the only pings the bot ever sends.</summary>
    public static MessageCreate Create(FlagRecord flag, IReadOnlyList<ulong> moderatorRoleIds, string nonce)
    {
        var ping = flag.Verdict.Tier is SafetyTier.Emergency or SafetyTier.Crisis ? moderatorRoleIds : [];
        return new MessageCreate(Content(flag, ping)) { Components = Components(flag), PingRoleIds = ping, Nonce = nonce };
    }

    /// <summary>The same message after a decision: current status, who and when, and only the buttons that still apply.</summary>
    public static InteractionMessage Updated(FlagRecord flag) => new() { Content = Content(flag, []), Components = Components(flag) };

    public static MessageEdit Edited(FlagRecord flag) => new() { Content = Content(flag, []), Components = Components(flag) };

    public static bool IsFlagButton(string? customId) => customId?.StartsWith(CustomIdPrefix, StringComparison.Ordinal) == true;

    /// <summary>Reads <c>flag:&lt;action&gt;:&lt;id&gt;</c>.</summary>
    public static bool TryParse(string? customId, out FlagDecision decision, out long flagId)
    {
        decision = default;
        flagId = 0;
        var parts = customId?.Split(':');
        if (parts is not [_, var key, var id] || !IsFlagButton(customId) || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out flagId))
        {
            return false;
        }

        var match = Buttons.Where(b => b.Key == key).Select(b => (FlagDecision?)b.Decision).FirstOrDefault();
        decision = match ?? default;
        return match is not null;
    }

    /// <summary>A moderator as Discord shows them: a user mention for Discord ids, the plain id for terminal users.</summary>
    public static string Who(string? moderatorId) =>
        moderatorId is null ? "SleepBot"
        : moderatorId.All(char.IsAsciiDigit) ? $"<@{moderatorId}>"
        : moderatorId;

    public static string Describe(FlagAuditEntry entry) =>
        $"{FlagText.Name(entry.Action)} by {Who(entry.ModeratorId)} at {FlagText.Time(entry.At)}{(entry.Note is { } note ? ": " + note : "")}";

    public static string Content(FlagRecord flag, IReadOnlyList<ulong> pingRoleIds)
    {
        var head = new StringBuilder();
        if (pingRoleIds.Count > 0)
        {
            head.AppendLine(string.Join(' ', pingRoleIds.Select(r => $"<@&{r.ToString(CultureInfo.InvariantCulture)}>")));
        }

        head.AppendLine(CultureInfo.InvariantCulture, $"**Flag {flag.Id} · {FlagText.Name(flag.Verdict.Tier)}** · status: **{FlagText.Name(flag.Status)}**");
        head.AppendLine(CultureInfo.InvariantCulture, $"Categories: {FlagText.Categories(flag.Verdict)}");
        head.AppendLine(CultureInfo.InvariantCulture, $"Signals: {FlagText.Signals(flag.Verdict)}");
        head.AppendLine(flag.MessageLink is { } link ? $"Parent's message: {link}" : $"From the {flag.Origin} (no Discord message)");
        head.AppendLine("Bot's reply:");

        var history = string.Concat(flag.Actions
            .Where(a => a.Action is not (FlagActionKind.Created or FlagActionKind.TextPurged))
            .Select(a => "\n" + Describe(a)));
        var budget = ReplyText.MaxLength - head.Length - history.Length;
        var reply = flag.Reply is { } text ? Quote(text) : "> (deleted after the retention period)";
        return ReplyText.Truncate(head + ReplyText.Truncate(reply, Math.Max(budget, 40)) + history, ReplyText.MaxLength);
    }

    private static string Quote(string text) => string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line => "> " + line));

    private static IReadOnlyList<ActionRow> Components(FlagRecord flag) =>
    [
        new ActionRow([.. Buttons.Select(b => new Button(b.Style, b.Label, $"{CustomIdPrefix}{b.Key}:{flag.Id.ToString(CultureInfo.InvariantCulture)}")
        {
            Disabled = !b.Decision.AllowedFrom().Contains(flag.Status),
        })]),
    ];
}
