using SleepBot.Knowledge;

namespace SleepBot.Retrieval;

/// <summary>
/// Retrieval beyond the lexical index (e.g. blended with embeddings). When none is registered the pipeline
/// searches <see cref="KnowledgeSnapshot.Index"/> directly. Hits use the index's scales: Score 0–1 for the
/// no-match thresholds, Rank for ordering.
/// </summary>
public interface IKnowledgeSearch
{
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxHits, KnowledgeSnapshot knowledge, CancellationToken cancellationToken);
}
