using SleepBot.Knowledge;

namespace SleepBot.Answering;

/// <summary>Shapes reply text for Discord: the length limit and the closing "Sources" line.</summary>
public static class ReplyText
{
    /// <summary>Discord's message limit, in UTF-16 code units (what Discord counts).</summary>
    public const int MaxLength = 2000;

    public static string SourcesLine(IEnumerable<KnowledgeEntry> entries, ArticleCatalog articles)
    {
        var named = entries.Select(e =>
        {
            var titles = e.Articles.Select(a => articles.Find(a)?.Title ?? a).Distinct();
            return $"“{e.Title}” (from: {string.Join("; ", titles)})";
        });
        return "Sources: " + string.Join(" · ", named);
    }

    /// <summary>Joins paragraphs and the sources line, dropping whole trailing paragraphs until it fits.</summary>
    public static string Assemble(IReadOnlyList<string> paragraphs, string sourcesLine)
    {
        var budget = MaxLength - sourcesLine.Length - 2;
        var kept = new List<string>();
        var used = 0;
        foreach (var paragraph in paragraphs)
        {
            var cost = paragraph.Length + (kept.Count == 0 ? 0 : 2);
            if (used + cost > budget)
            {
                break;
            }

            kept.Add(paragraph);
            used += cost;
        }

        if (kept.Count == 0 && paragraphs.Count > 0)
        {
            kept.Add(Truncate(paragraphs[0], budget));
        }

        return Truncate(string.Join("\n\n", kept) + "\n\n" + sourcesLine, MaxLength);
    }

    /// <summary>Cuts at a word boundary, never inside a surrogate pair, with an ellipsis.</summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - 1;
        var space = text.LastIndexOf(' ', cut - 1, Math.Min(cut, 200));
        if (space > 0)
        {
            cut = space;
        }
        else if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut].TrimEnd() + "…";
    }
}
