namespace SleepBot.Knowledge;

/// <summary>The contract's topic list: every entry names exactly one.</summary>
public static class KnowledgeTopics
{
    public const string ProfessionalHelp = "professional_help";

    /// <summary>Topic name and the plain description the no-match reply shows parents.</summary>
    public static IReadOnlyList<(string Name, string HelpsWith)> All { get; } =
    [
        ("why_crying", "why babies cry while they learn to fall asleep on their own"),
        ("protest_vs_distress", "telling protest crying from a cry that needs you"),
        ("harm_attachment", "whether crying harms your baby or your bond (what the research found)"),
        ("attachment_repair", "the attachment-first view, reconnecting and daytime closeness"),
        ("how_long", "how long the crying usually lasts and when it gets better"),
        ("check_ins", "whether to go in, and how to reassure"),
        ("consistency", "routines and staying consistent"),
        ("sleep_associations", "rocking, feeding and other ways babies link to sleep"),
        ("methods", "choosing a gentler or firmer method that fits your family"),
        ("parent_feelings", "guilt, doubt and looking after yourself"),
        ("progress_setbacks", "regressions, illness, travel and other setbacks"),
        (ProfessionalHelp, "when to call a doctor or get help straight away"),
    ];

    public static bool IsKnown(string topic) => All.Any(t => t.Name == topic);
}
