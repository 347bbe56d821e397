using SleepBot.Answering;

namespace SleepBot.Knowledge;

/// <summary>Rules that look across files: run on every load, so lint and the running bot agree.</summary>
internal static class KnowledgeChecks
{
    /// <summary>Advised body length; a longer entry is split better into two ideas.</summary>
    public const int AdvisedBodyLength = 1400;

    /// <returns>The entries to serve: the first of any duplicated id.</returns>
    public static List<KnowledgeEntry> Run(IReadOnlyList<KnowledgeEntry> entries, ArticleCatalog catalog, List<KnowledgeProblem> problems)
    {
        var served = new List<KnowledgeEntry>();
        var ids = new Dictionary<string, KnowledgeEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (ids.TryGetValue(entry.Id, out var first))
            {
                problems.Add(new(entry.File, 2, ProblemSeverity.Error, "duplicate-id", $"The id '{entry.Id}' is already used by {first.File}; each entry needs its own id."));
                continue;
            }

            ids[entry.Id] = entry;
            served.Add(entry);
            CheckEntry(entry, catalog, problems);
        }

        foreach (var (topic, _) in KnowledgeTopics.All.Where(t => served.All(e => e.Topic != t.Name)))
        {
            problems.Add(new("", 0, ProblemSeverity.Error, "empty-topic", $"No entry has the topic '{topic}': parents asking about it would get no answer."));
        }

        foreach (var tier in KnowledgeFileParser.Tiers.Where(t => !served.Any(e => e.Tier == t)))
        {
            problems.Add(new("professional_help/", 0, ProblemSeverity.Error, "missing-help-text", $"There is no professional-help text with 'tier: {tier}'; distress messages of that tier would get only a short built-in message."));
        }

        return served;
    }

    private static void CheckEntry(KnowledgeEntry entry, ArticleCatalog catalog, List<KnowledgeProblem> problems)
    {
        if (entry.Articles.Count == 0)
        {
            problems.Add(new(entry.File, 2, ProblemSeverity.Error, "no-article", "Name at least one article this entry draws on in 'articles'."));
        }

        foreach (var article in entry.Articles.Where(a => catalog.Find(a) is null))
        {
            problems.Add(new(entry.File, 2, ProblemSeverity.Error, "unknown-article", $"'{article}' is not in {ArticleCatalog.FileName}. Known articles: {string.Join(", ", catalog.Articles.Select(a => a.File))}."));
        }

        var length = entry.Text.Length;
        if (entry.Topic == KnowledgeTopics.ProfessionalHelp && entry.Tier is not null)
        {
            // Sent whole, with the longest region's numbers filled in.
            if (length + 400 > ReplyText.MaxLength)
            {
                problems.Add(new(entry.File, entry.BodyLine, ProblemSeverity.Error, "too-long", $"This professional-help text is {length} characters; with phone numbers filled in it must fit one Discord message. Keep it under {ReplyText.MaxLength - 400}."));
            }

            return;
        }

        if (ExtractiveAnswerWriter.ShortestReplyLength(entry, catalog) > ReplyText.MaxLength)
        {
            problems.Add(new(entry.File, entry.BodyLine, ProblemSeverity.Error, "does-not-fit", $"The title, first paragraph and sources line come to more than {ReplyText.MaxLength} characters, so this entry can't be sent on Discord. Shorten the first paragraph."));
        }
        else if (length > AdvisedBodyLength)
        {
            problems.Add(new(entry.File, entry.BodyLine, ProblemSeverity.Warning, "long", $"The text is {length} characters (advised: up to {AdvisedBodyLength}); later paragraphs may be left out of replies. Consider splitting it into two entries."));
        }
    }
}
