using SleepBot.Knowledge;
using SleepBot.Safety;

namespace SleepBot.Answering;

/// <summary>The reviewed professional-help text for a tier, with the region's numbers filled in.</summary>
public static class ProfessionalHelpReply
{
    // Used only when the knowledge folder has lost a tier's text: a distress message must still get the number.
    private const string LastResort =
        "This sounds like something a doctor should look at, not a sleep-training question. " +
        "If your baby seems very unwell or you are worried right now, call {EmergencyNumber}. " +
        "Otherwise please contact {SameDayAdvice}. If you are struggling yourself, put your baby down safely on their back in the cot and call {CrisisLine}.";

    public static (string Text, KnowledgeEntry? Entry) For(SafetyTier tier, KnowledgeSnapshot knowledge, RegionContacts contacts)
    {
        var entry = knowledge.ProfessionalHelpFor(tier);
        var text = entry is null ? LastResort : string.Join("\n\n", entry.Paragraphs);
        return (ReplyText.Truncate(contacts.Fill(text), ReplyText.MaxLength), entry);
    }
}
