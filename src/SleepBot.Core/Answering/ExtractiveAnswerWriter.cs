using SleepBot.Knowledge;
using SleepBot.Retrieval;

namespace SleepBot.Answering;

/// <summary>
/// The default writer, needing no model: quotes the best entries' own paragraphs under their titles, so every
/// word the parent reads is the consultant's. Deterministic for a given question and knowledge.
/// </summary>
public sealed class ExtractiveAnswerWriter : IAnswerWriter
{
    public Task<AnswerDraft> WriteAsync(Question question, IReadOnlyList<SearchHit> hits, KnowledgeSnapshot knowledge, CancellationToken cancellationToken) =>
        Task.FromResult(Write(hits, knowledge.Articles));

    public static AnswerDraft Write(IReadOnlyList<SearchHit> hits, ArticleCatalog articles)
    {
        var primary = hits[0].Entry;
        var paragraphs = new List<string>(primary.Paragraphs.Count + 1) { Opening(primary) };
        for (var i = 1; i < primary.Paragraphs.Count; i++)
        {
            paragraphs.Add(primary.Paragraphs[i]);
        }

        if (hits.Count > 1)
        {
            // A second entry only adds its opening answer, and only when it would fit whole after the first entry.
            var second = hits[1].Entry;
            var withSecond = ReplyText.SourcesLine([primary, second], articles);
            if (TextLength(primary) + OpeningLength(second) + withSecond.Length + 8 <= ReplyText.MaxLength)
            {
                paragraphs.Add(Opening(second));
                return new AnswerDraft(ReplyText.Assemble(paragraphs, withSecond), [hits[0], hits[1]]);
            }
        }

        return new AnswerDraft(ReplyText.Assemble(paragraphs, ReplyText.SourcesLine([primary], articles)), [hits[0]]);
    }

    /// <summary>The shortest reply an entry can give (title, first paragraph, sources), for lint's fit check.</summary>
    public static int ShortestReplyLength(KnowledgeEntry entry, ArticleCatalog articles) =>
        entry.Title.Length + 5 + (entry.Paragraphs.Count > 0 ? entry.Paragraphs[0].Length : 0) + 2
        + ReplyText.SourcesLine([entry], articles).Length;

    private static string Opening(KnowledgeEntry entry) => $"**{entry.Title}**\n{entry.Paragraphs[0]}";

    private static int OpeningLength(KnowledgeEntry entry) => entry.Title.Length + 5 + entry.Paragraphs[0].Length;

    // The length of entry.Text, without joining the paragraphs to measure it.
    private static int TextLength(KnowledgeEntry entry)
    {
        var length = 2 * Math.Max(0, entry.Paragraphs.Count - 1);
        for (var i = 0; i < entry.Paragraphs.Count; i++)
        {
            length += entry.Paragraphs[i].Length;
        }

        return length;
    }
}
