using SleepBot.Knowledge;

namespace SleepBot.Answering;

/// <summary>Shapes reply text for Discord: the length limit and the closing "Sources" line.</summary>
public static class ReplyText
{
    /// <summary>Discord's message limit, in UTF-16 code units (what Discord counts).</summary>
    public const int MaxLength = 2000;

    private const string Separator = "\n\n";

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
        var kept = 0;
        var used = 0;
        foreach (var paragraph in paragraphs)
        {
            var cost = paragraph.Length + (kept == 0 ? 0 : 2);
            if (used + cost > budget)
            {
                break;
            }

            kept++;
            used += cost;
        }

        if (kept == 0 && paragraphs.Count > 0)
        {
            return Truncate(Truncate(paragraphs[0], budget) + "\n\n" + sourcesLine, MaxLength);
        }

        // Written straight into the reply string: this runs for every answered message.
        var reply = string.Create(used + 2 + sourcesLine.Length, (paragraphs, kept, sourcesLine), static (span, parts) =>
        {
            var position = 0;
            for (var i = 0; i < parts.kept; i++)
            {
                if (i > 0)
                {
                    Separator.CopyTo(span[position..]);
                    position += Separator.Length;
                }

                parts.paragraphs[i].CopyTo(span[position..]);
                position += parts.paragraphs[i].Length;
            }

            Separator.CopyTo(span[position..]);
            parts.sourcesLine.CopyTo(span[(position + Separator.Length)..]);
        });
        return Truncate(reply, MaxLength);
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
