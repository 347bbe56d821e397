using SleepBot.Knowledge;
using SleepBot.Retrieval;

namespace SleepBot.Answering;

/// <summary>The reply text for a question the knowledge can answer, and the entries it drew on.</summary>
public sealed record AnswerDraft(string Text, IReadOnlyList<SearchHit> UsedHits);

/// <summary>Writes an answer from retrieved entries: extractively, or with a language model.</summary>
public interface IAnswerWriter
{
    Task<AnswerDraft> WriteAsync(Question question, IReadOnlyList<SearchHit> hits, KnowledgeSnapshot knowledge, CancellationToken cancellationToken);
}
