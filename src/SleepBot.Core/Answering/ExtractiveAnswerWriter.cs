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
        var paragraphs = new List<string> { $"**{primary.Title}**\n{primary.Paragraphs[0]}" };
        paragraphs.AddRange(primary.Paragraphs.Skip(1));

        var used = new List<SearchHit> { hits[0] };
        if (hits.Count > 1)
        {
            // A second entry only adds its opening answer, and only when it would fit whole after the first entry.
            var second = hits[1].Entry;
            var extra = $"**{second.Title}**\n{second.Paragraphs[0]}";
            var withSecond = ReplyText.SourcesLine([primary, second], articles);
            if (primary.Text.Length + extra.Length + withSecond.Length + 8 <= ReplyText.MaxLength)
            {
                paragraphs.Add(extra);
                used.Add(hits[1]);
            }
        }

        var sources = ReplyText.SourcesLine(used.Select(h => h.Entry), articles);
        return new AnswerDraft(ReplyText.Assemble(paragraphs, sources), used);
    }

    /// <summary>The shortest reply an entry can give (title, first paragraph, sources), for lint's fit check.</summary>
    public static int ShortestReplyLength(KnowledgeEntry entry, ArticleCatalog articles) =>
        entry.Title.Length + 5 + (entry.Paragraphs.Count > 0 ? entry.Paragraphs[0].Length : 0) + 2
        + ReplyText.SourcesLine([entry], articles).Length;
}
