using SleepBot.Knowledge;
using SleepBot.Safety;

namespace SleepBot.Answering;

/// <summary>What the bot says when its knowledge has nothing that fits: honest, and what it can help with.</summary>
public static class NoMatchReply
{
    public static string For(RegionContacts contacts)
    {
        var topics = KnowledgeTopics.All.Select(t => "• " + t.HelpsWith);
        return "I'm sorry, I don't have anything in my guide that answers that, and I'd rather not guess. "
            + "I can help with questions about crying during sleep training:\n"
            + string.Join('\n', topics)
            + $"\n\nIf you're worried your baby is unwell, please talk to {contacts.RoutineAdvice}.";
    }
}
