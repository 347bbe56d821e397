using System.Text;
using Microsoft.SemanticKernel.ChatCompletion;
using SleepBot.Answering;
using SleepBot.Retrieval;
using SleepBot.Safety;

namespace SleepBot.Llm;

/// <summary>
/// Builds the chat sent to the model: the reviewed system prompt, then one user message holding the knowledge
/// passages, the recent thread and the parent's message, each delimited and escaped so none can pose as instructions.
/// </summary>
public static class GroundedPrompt
{
    public const int MaxHistoryTurns = 6;
    public const int MaxHistoryTurnLength = 600;
    public const int MaxMessageLength = 2000;

    public static string SystemPrompt { get; } = EmbeddedText.Read("grounded-answer.md");

    public static ChatHistory Build(Question question, IReadOnlyList<SearchHit> hits, SafetyChecker safety)
    {
        var data = new StringBuilder();
        data.AppendLine("<passages>");
        foreach (var entry in hits.Select(h => h.Entry))
        {
            data.AppendLine($"<passage id=\"{Attribute(entry.Id)}\" title=\"{Attribute(entry.Title)}\">");
            data.AppendLine(Escape(entry.Text));
            data.AppendLine("</passage>");
        }

        data.AppendLine("</passages>");

        var turns = ShareableTurns(question.History, safety).TakeLast(MaxHistoryTurns).ToList();
        if (turns.Count > 0)
        {
            data.AppendLine("<thread>");
            foreach (var turn in turns)
            {
                data.AppendLine($"<turn from=\"{(turn.FromBot ? "bot" : "parent")}\">{Escape(ReplyText.Truncate(turn.Text, MaxHistoryTurnLength))}</turn>");
            }

            data.AppendLine("</thread>");
        }

        data.AppendLine("<parent_message>");
        data.AppendLine(Escape(ReplyText.Truncate(question.Text, MaxMessageLength)));
        data.Append("</parent_message>");

        var chat = new ChatHistory(SystemPrompt);
        chat.AddUserMessage(data.ToString());
        return chat;
    }

    /// <summary>
    /// The thread without its distress messages and the bot's replies to them: those were answered by the
    /// reviewed professional-help text, and what a parent wrote in distress never goes to the model.
    /// </summary>
    private static IEnumerable<ConversationTurn> ShareableTurns(IReadOnlyList<ConversationTurn> history, SafetyChecker safety)
    {
        var skipReply = false;
        foreach (var turn in history)
        {
            if (!turn.FromBot)
            {
                skipReply = safety.Check(turn.Text).Distress;
            }

            if (!skipReply)
            {
                yield return turn;
            }
        }
    }

    // Only angle brackets are encoded, so a parent's "</parent_message>" cannot close the block early while
    // apostrophes and quotes stay as written (a model may copy entities like &#39; into its reply).
    private static string Escape(string text) => text.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Attribute(string text) => Escape(text).Replace("\"", "&quot;", StringComparison.Ordinal);
}
