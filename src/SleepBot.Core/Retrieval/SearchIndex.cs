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
    private const int KeywordWeight = 2;

    private readonly KnowledgeEntry[] _entries;
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly double _unseenIdf;
    private readonly TextAnalyzer _queryAnalyzer;

    private SearchIndex(KnowledgeEntry[] entries, Dictionary<string, Posting[]> postings, TextAnalyzer queryAnalyzer)
    {
        _entries = entries;
        _postings = postings;
        _queryAnalyzer = queryAnalyzer;
        _unseenIdf = Idf(0);
    }

    public static SearchIndex Empty { get; } = Build([]);

    public int Count => _entries.Length;

    public static SearchIndex Build(IEnumerable<KnowledgeEntry> entries)
    {
        var documents = entries.ToArray();
        var documentAnalyzer = new TextAnalyzer();
        var termCounts = new Dictionary<string, int>[documents.Length];
        var lengths = new int[documents.Length];
        var vocabulary = new List<string>();

        for (var d = 0; d < documents.Length; d++)
        {
            var entry = documents[d];
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            Add(counts, documentAnalyzer.Analyze(entry.Title), TitleWeight);
            Add(counts, documentAnalyzer.Analyze(string.Join(' ', entry.Keywords)), KeywordWeight);
            Add(counts, documentAnalyzer.Analyze(entry.Text), 1);
            termCounts[d] = counts;
            lengths[d] = counts.Values.Sum();
            vocabulary.AddRange(TextAnalyzer.Words($"{entry.Title} {string.Join(' ', entry.Keywords)} {entry.Text}"));
        }

        var averageLength = documents.Length == 0 ? 1 : Math.Max(1, lengths.Average());
        var postings = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var d = 0; d < documents.Length; d++)
        {
            var norm = K1 * (1 - B + (B * lengths[d] / averageLength));
            foreach (var (term, count) in termCounts[d])
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                // Precomputed BM25 term-frequency saturation; idf is applied at query time.
                list.Add(new Posting(d, count * (K1 + 1) / (count + norm)));
            }
        }

        var frozen = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return new SearchIndex(documents, frozen, new TextAnalyzer(new SpellingCorrector(vocabulary)));

        static void Add(Dictionary<string, int> counts, List<string> terms, int weight)
        {
            foreach (var term in terms)
            {
                counts[term] = counts.GetValueOrDefault(term) + weight;
            }
        }
    }

    public IReadOnlyList<SearchHit> Search(string query, int maxHits, Func<KnowledgeEntry, bool>? filter = null)
    {
        var terms = _queryAnalyzer.Analyze(query).Distinct(StringComparer.Ordinal).ToArray();
        if (terms.Length == 0 || _entries.Length == 0)
        {
            return [];
        }

        var rank = new double[_entries.Length];
        var covered = new double[_entries.Length];
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

        var hits = new List<SearchHit>();
        for (var d = 0; d < _entries.Length; d++)
        {
            if (rank[d] > 0 && (filter is null || filter(_entries[d])))
            {
                hits.Add(new SearchHit(_entries[d], Math.Round(covered[d] / totalWeight, 3), rank[d]));
            }
        }

        hits.Sort((a, b) => b.Rank.CompareTo(a.Rank) is var byRank and not 0 ? byRank : string.CompareOrdinal(a.Entry.Id, b.Entry.Id));
        return hits.Count > maxHits ? hits[..maxHits] : hits;
    }

    private double Idf(int documentFrequency) =>
        Math.Log(1 + ((_entries.Length - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    private readonly record struct Posting(int Document, double Saturation);
}
