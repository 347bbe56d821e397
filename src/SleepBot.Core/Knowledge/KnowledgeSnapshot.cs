using SleepBot.Retrieval;
using SleepBot.Safety;

namespace SleepBot.Knowledge;

/// <summary>One consistent, immutable view of the knowledge folder: what every message is answered from.</summary>
public sealed record KnowledgeSnapshot(
    IReadOnlyList<KnowledgeEntry> Entries,
    SearchIndex Index,
    SafetyChecker Safety,
    ArticleCatalog Articles,
    IReadOnlyList<KnowledgeProblem> Problems,
    DateTimeOffset LoadedAt)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    public KnowledgeEntry? ProfessionalHelpFor(SafetyTier tier)
    {
        var name = tier.ToString().ToLowerInvariant();
        return Entries.FirstOrDefault(e => e.Topic == KnowledgeTopics.ProfessionalHelp && e.Tier == name);
    }
}
