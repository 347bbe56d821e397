using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SleepBot.Knowledge;
using SleepBot.Retrieval;

namespace SleepBot.Llm;

/// <summary>
/// Lexical BM25 blended with cosine similarity of embeddings, so "she screams the second her back touches the
/// mattress" can find an entry that shares none of its words. Entry embeddings are prepared per snapshot (from
/// the disk cache where possible) and again after every reload; if they or the question's embedding are not
/// ready within the budget, the lexical hits are used as they are.
/// </summary>
public sealed partial class HybridKnowledgeSearch : IKnowledgeSearch, IDisposable
{
    private readonly KnowledgeStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly EmbeddingCache _cache;
    private readonly LlmOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HybridKnowledgeSearch> _logger;
    private volatile Prepared _prepared;

    public HybridKnowledgeSearch(
        KnowledgeStore store,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        EmbeddingCache cache,
        IOptions<LlmOptions> options,
        TimeProvider time,
        ILogger<HybridKnowledgeSearch> logger)
    {
        _store = store;
        _generator = generator;
        _cache = cache;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _prepared = Prepare(store.Current);
        store.Reloaded += OnReloaded;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxHits, KnowledgeSnapshot knowledge, CancellationToken cancellationToken)
    {
        var lexical = knowledge.Index.Search(query, knowledge.Index.Count);
        using var budget = new CancellationTokenSource(_options.QueryEmbeddingBudget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var queryVector = _generator.GenerateVectorAsync(query, cancellationToken: linked.Token);
            var entryVectors = await VectorsFor(knowledge).WaitAsync(linked.Token);
            var question = await queryVector;
            if (entryVectors is not null)
            {
                return Blend(lexical, knowledge.Entries, entryVectors, question.Span, _options.MinSimilarity, maxHits);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Embeddings only improve retrieval; without them the lexical hits still answer.
            LogQueryEmbeddingFailed(ex);
        }

        return lexical.Count > maxHits ? lexical.Take(maxHits).ToList() : lexical;
    }

    public void Dispose() => _store.Reloaded -= OnReloaded;

    /// <summary>
    /// Rank: the mean of the lexical rank and the cosine, each relative to the best, so the pipeline's
    /// "close to the best" cut still means something. Score: the better of the lexical coverage and the cosine,
    /// the cosine counting only from <paramref name="minSimilarity"/>.
    /// </summary>
    internal static IReadOnlyList<SearchHit> Blend(
        IReadOnlyList<SearchHit> lexical,
        IReadOnlyList<KnowledgeEntry> entries,
        IReadOnlyDictionary<string, float[]> entryVectors,
        ReadOnlySpan<float> question,
        double minSimilarity,
        int maxHits)
    {
        var lexicalById = lexical.ToDictionary(h => h.Entry.Id, StringComparer.Ordinal);
        var bestRank = lexical.Count > 0 ? lexical.Max(h => h.Rank) : 0;
        var similarities = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entryVectors.TryGetValue(entry.Id, out var vector))
            {
                similarities[entry.Id] = TensorPrimitives.CosineSimilarity(question, vector);
            }
        }

        var bestSimilarity = similarities.Count > 0 ? Math.Max(similarities.Values.Max(), 0) : 0;
        var hits = new List<SearchHit>();
        foreach (var entry in entries)
        {
            var lexicalHit = lexicalById.GetValueOrDefault(entry.Id);
            var similarity = similarities.GetValueOrDefault(entry.Id);
            var semantic = similarity >= minSimilarity;
            if (lexicalHit is null && !semantic)
            {
                continue;
            }

            var rank = ((bestRank > 0 ? (lexicalHit?.Rank ?? 0) / bestRank : 0) + (bestSimilarity > 0 ? Math.Max(similarity, 0) / bestSimilarity : 0)) / 2;
            var score = Math.Round(Math.Max(lexicalHit?.Score ?? 0, semantic ? similarity : 0), 3);
            hits.Add(new SearchHit(entry, score, rank));
        }

        hits.Sort((a, b) => b.Rank.CompareTo(a.Rank) is var byRank and not 0 ? byRank : string.CompareOrdinal(a.Entry.Id, b.Entry.Id));
        return hits.Count > maxHits ? hits[..maxHits] : hits;
    }

    /// <summary>What the embedding stands for: the words the index matches on too.</summary>
    internal static string EmbeddingText(KnowledgeEntry entry) => $"{entry.Title}\n{string.Join(", ", entry.Keywords)}\n{entry.Text}";

    private void OnReloaded(KnowledgeSnapshot snapshot) => _prepared = Prepare(snapshot);

    private Task<IReadOnlyDictionary<string, float[]>?> VectorsFor(KnowledgeSnapshot knowledge)
    {
        var prepared = _prepared;
        var failed = prepared.Vectors.IsCompletedSuccessfully && prepared.Vectors.Result is null;
        if (ReferenceEquals(prepared.Knowledge, knowledge) && !failed)
        {
            return prepared.Vectors;
        }

        // Another reload raced this question, or the endpoint was down when the snapshot arrived: try again now.
        var fresh = Prepare(knowledge);
        if (ReferenceEquals(knowledge, _store.Current))
        {
            _prepared = fresh;
        }

        return fresh.Vectors;
    }

    private Prepared Prepare(KnowledgeSnapshot knowledge) => new(knowledge, EmbedEntriesAsync(knowledge));

    private async Task<IReadOnlyDictionary<string, float[]>?> EmbedEntriesAsync(KnowledgeSnapshot knowledge)
    {
        // Not tied to any one question: a slow first batch still serves the questions after it.
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        try
        {
            await Task.Yield(); // reading the cache is file I/O: keep it off the constructor and the reload thread
            var searchable = knowledge.Entries.Where(e => e.Tier is null).Select(e => (e.Id, Text: EmbeddingText(e))).ToList();
            var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
            var missing = new List<(string Id, string Text)>();
            foreach (var (id, text) in searchable)
            {
                if (_cache.TryRead(text) is { } cached)
                {
                    vectors[id] = cached;
                }
                else
                {
                    missing.Add((id, text));
                }
            }

            if (missing.Count > 0)
            {
                var generated = await _generator.GenerateAsync(missing.Select(m => m.Text), cancellationToken: timeout.Token);
                for (var i = 0; i < missing.Count; i++)
                {
                    var vector = generated[i].Vector.ToArray();
                    _cache.Write(missing[i].Text, vector);
                    vectors[missing[i].Id] = vector;
                }
            }

            LogEntriesEmbedded(vectors.Count, missing.Count);
            return vectors;
        }
        catch (Exception ex)
        {
            LogEntriesEmbeddingFailed(ex);
            return null;
        }
    }

    private sealed record Prepared(KnowledgeSnapshot Knowledge, Task<IReadOnlyDictionary<string, float[]>?> Vectors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge embeddings ready: {Entries} entries, {Generated} newly embedded")]
    private partial void LogEntriesEmbedded(int entries, int generated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not embed the knowledge entries; retrieval stays lexical until the next try")]
    private partial void LogEntriesEmbeddingFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not embed the question in time; used lexical retrieval")]
    private partial void LogQueryEmbeddingFailed(Exception exception);
}
