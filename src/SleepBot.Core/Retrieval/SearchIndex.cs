using System.Buffers;
using System.Runtime.InteropServices;
using SleepBot.Knowledge;

namespace SleepBot.Retrieval;

/// <param name="Score">How much of the question the entry covers, 0–1: the share of the question's
/// term weight (idf) that the entry contains. The no-match threshold reads this.</param>
/// <param name="Rank">The BM25 score the hits are ordered by.</param>
public sealed record SearchHit(KnowledgeEntry Entry, double Score, double Rank);

/// <summary>
/// An in-memory BM25 index over knowledge entries. Title and keywords count more than body text because the
/// consultant writes them as the words parents use. Immutable once built, so it is shared across threads.
/// </summary>
public sealed class SearchIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const int TitleWeight = 2;
    private const int KeywordWeight = 3;
    private const int BuildBatchSize = 256;

    private readonly KnowledgeEntry[] _entries;
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly double _unseenIdf;
    private readonly TextAnalyzer _queryAnalyzer;

    // Each document's position in ordinal id order, so equal ranks are ordered by id without comparing strings.
    private readonly int[] _idOrder;

    private SearchIndex(KnowledgeEntry[] entries, Dictionary<string, Posting[]> postings, TextAnalyzer queryAnalyzer)
    {
        _entries = entries;
        _postings = postings;
        _queryAnalyzer = queryAnalyzer;
        _unseenIdf = Idf(0);
        _idOrder = IdOrder(entries);
    }

    public static SearchIndex Empty { get; } = Build([]);

    public int Count => _entries.Length;

    public static SearchIndex Build(IEnumerable<KnowledgeEntry> entries)
    {
        var documents = entries.ToArray();
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var documentFrequencies = new List<int>();
        var documentTerms = new (int Term, int Count)[documents.Length][];
        var lengths = new int[documents.Length];

        // Counted in first-use order: the spelling corrector prefers the earlier of two equally common words.
        var wordCounts = new Dictionary<string, int>(StringComparer.Ordinal);

        // Entries are analysed in parallel batches and merged in entry order, keeping only term ids and counts: a
        // large folder uses every core, and only one batch's word lists are alive at a time.
        var batch = new AnalysedEntry[Math.Min(BuildBatchSize, documents.Length)];
        for (var first = 0; first < documents.Length; first += BuildBatchSize)
        {
            var batchStart = first;
            var count = Math.Min(BuildBatchSize, documents.Length - batchStart);
            Parallel.For(0, count, i => batch[i] = AnalysedEntry.Of(documents[batchStart + i]));
            for (var i = 0; i < count; i++)
            {
                foreach (var (word, uses) in batch[i].WordCounts)
                {
                    wordCounts[word] = wordCounts.GetValueOrDefault(word) + uses;
                }

                var terms = new (int Term, int Count)[batch[i].TermCounts.Count];
                var t = 0;
                foreach (var (term, weightedCount) in batch[i].TermCounts)
                {
                    ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(termIds, term, out var known);
                    if (!known)
                    {
                        id = documentFrequencies.Count;
                        documentFrequencies.Add(0);
                    }

                    documentFrequencies[id]++;
                    terms[t++] = (id, weightedCount);
                }

                documentTerms[batchStart + i] = terms;
                lengths[batchStart + i] = batch[i].Length;
            }
        }

        var averageLength = documents.Length == 0 ? 1 : Math.Max(1, lengths.Average());
        var postingsByTerm = documentFrequencies.Select(frequency => new Posting[frequency]).ToArray();
        var filled = new int[postingsByTerm.Length];
        for (var d = 0; d < documents.Length; d++)
        {
            var norm = K1 * (1 - B + (B * lengths[d] / averageLength));
            foreach (var (term, count) in documentTerms[d])
            {
                // Precomputed BM25 term-frequency saturation; idf is applied at query time.
                postingsByTerm[term][filled[term]++] = new Posting(d, count * (K1 + 1) / (count + norm));
            }
        }

        var postings = termIds.ToDictionary(t => t.Key, t => postingsByTerm[t.Value], StringComparer.Ordinal);
        return new SearchIndex(documents, postings, new TextAnalyzer(new SpellingCorrector(wordCounts)));
    }

    public IReadOnlyList<SearchHit> Search(string query, int maxHits, Func<KnowledgeEntry, bool>? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxHits);
        var terms = _queryAnalyzer.Analyze(query).Distinct(StringComparer.Ordinal).ToArray();
        if (terms.Length == 0 || _entries.Length == 0)
        {
            return [];
        }

        var rank = ArrayPool<double>.Shared.Rent(_entries.Length);
        var covered = ArrayPool<double>.Shared.Rent(_entries.Length);
        try
        {
            Array.Clear(rank, 0, _entries.Length);
            Array.Clear(covered, 0, _entries.Length);
            var totalWeight = 0.0;
            var sharesCoreWord = false;
            var hasForeignWord = false;
            foreach (var term in terms)
            {
                if (!_postings.TryGetValue(term, out var postings))
                {
                    totalWeight += _unseenIdf;
                    hasForeignWord = true;
                    continue;
                }

                sharesCoreWord |= ParentLanguage.CoreWords.Contains(term);

                var idf = Idf(postings.Length);
                totalWeight += idf;
                foreach (var posting in postings)
                {
                    rank[posting.Document] += idf * posting.Saturation;
                    covered[posting.Document] += idf;
                }
            }

            // "reverse a linked list in python": words the knowledge never uses, and the shared ones ("link", "list")
            // are chance overlaps. Without a core sleep word such a question is off topic.
            if (hasForeignWord && !sharesCoreWord)
            {
                return [];
            }

            var hits = new List<SearchHit>(Math.Min(maxHits, _entries.Length));
            foreach (var d in Best(rank, maxHits, filter))
            {
                hits.Add(new SearchHit(_entries[d], Math.Round(covered[d] / totalWeight, 3), rank[d]));
            }

            return hits;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rank);
            ArrayPool<double>.Shared.Return(covered);
        }
    }

    /// <summary>
    /// The matching documents in hit order (rank, then id), keeping only the best <paramref name="maxHits"/> while
    /// scanning: on a large folder most entries share a common word, and sorting them all would cost more than the search.
    /// </summary>
    private int[] Best(double[] rank, int maxHits, Func<KnowledgeEntry, bool>? filter)
    {
        var worstFirst = new WorstFirst(rank, _idOrder);
        var kept = new PriorityQueue<int, int>(Math.Min(maxHits, _entries.Length) + 1, worstFirst);
        for (var d = 0; d < _entries.Length; d++)
        {
            if (rank[d] <= 0 || (filter is not null && !filter(_entries[d])))
            {
                continue;
            }

            if (kept.Count < maxHits)
            {
                kept.Enqueue(d, d);
            }
            else if (maxHits > 0 && worstFirst.Compare(d, kept.Peek()) > 0)
            {
                kept.DequeueEnqueue(d, d);
            }
        }

        var best = new int[kept.Count];
        for (var i = best.Length - 1; i >= 0; i--)
        {
            best[i] = kept.Dequeue();
        }

        return best;
    }

    private static int[] IdOrder(KnowledgeEntry[] entries)
    {
        var byId = Enumerable.Range(0, entries.Length).ToArray();
        Array.Sort(entries.Select(e => e.Id).ToArray(), byId, StringComparer.Ordinal);
        var order = new int[entries.Length];
        for (var position = 0; position < byId.Length; position++)
        {
            order[byId[position]] = position;
        }

        return order;
    }

    private double Idf(int documentFrequency) =>
        Math.Log(1 + ((_entries.Length - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    private readonly record struct Posting(int Document, double Saturation);

    /// <summary>An entry's weighted term counts, its length in terms, and its words for the spelling vocabulary.</summary>
    private sealed record AnalysedEntry(Dictionary<string, int> TermCounts, Dictionary<string, int> WordCounts, int Length)
    {
        // Without a spelling corrector the analyzer holds no state, so every thread can share it.
        private static readonly TextAnalyzer DocumentAnalyzer = new();

        public static AnalysedEntry Of(KnowledgeEntry entry)
        {
            var terms = new Dictionary<string, int>(StringComparer.Ordinal);
            var words = new Dictionary<string, int>(StringComparer.Ordinal);
            Add(entry.Title, TitleWeight);
            Add(string.Join(' ', entry.Keywords), KeywordWeight);
            Add(entry.Text, 1);
            return new AnalysedEntry(terms, words, terms.Values.Sum());

            // Each field is split into words once: the words feed both the terms and the spelling vocabulary.
            void Add(string field, int weight)
            {
                var fieldWords = TextAnalyzer.Words(field);
                foreach (var word in fieldWords)
                {
                    words[word] = words.GetValueOrDefault(word) + 1;
                }

                foreach (var term in DocumentAnalyzer.Terms(fieldWords))
                {
                    terms[term] = terms.GetValueOrDefault(term) + weight;
                }
            }
        }
    }

    /// <summary>Orders documents worst hit first: lower rank, then the later id in ordinal order.</summary>
    private sealed class WorstFirst(double[] rank, int[] idOrder) : IComparer<int>
    {
        public int Compare(int x, int y) => rank[x].CompareTo(rank[y]) is var byRank and not 0 ? byRank : idOrder[y].CompareTo(idOrder[x]);
    }
}
