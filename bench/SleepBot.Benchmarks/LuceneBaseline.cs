using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SleepBot.Knowledge;

namespace SleepBot.Benchmarks;

/// <summary>
/// The comparison point: Lucene.Net in memory with its English analyzer (Porter stemming, stop words) and BM25,
/// over the same entries weighted as SleepBot's index weighs them: title and keywords written twice, so their words
/// count double in term frequency and length. Queries are built with <see cref="QueryBuilder"/> (any word may match,
/// as in SleepBot); the classic query parser would only add its own cost, since messages need no query syntax.
/// </summary>
internal sealed class LuceneBaseline : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string SearchField = "text";

    private readonly KnowledgeEntry[] _entries;
    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly EnglishAnalyzer _analyzer = new(Version);
    private readonly QueryBuilder _queries;

    private LuceneBaseline(KnowledgeEntry[] entries, RAMDirectory directory)
    {
        _entries = entries;
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _queries = new QueryBuilder(_analyzer);
    }

    public static LuceneBaseline Build(IEnumerable<KnowledgeEntry> entries)
    {
        var documents = entries.ToArray();
        var directory = new RAMDirectory();
        using (var analyzer = new EnglishAnalyzer(Version))
        {
            // Log merges only join neighbouring segments, so a document's number stays its position in the list.
            var config = new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity(), MergePolicy = new LogByteSizeMergePolicy() };
            using var writer = new IndexWriter(directory, config);
            foreach (var entry in documents)
            {
                writer.AddDocument(
                [
                    new StringField("id", entry.Id, Field.Store.YES),
                    new TextField(SearchField, Weighted(entry), Field.Store.NO),
                ]);
            }

            writer.Commit();
        }

        return new LuceneBaseline(documents, directory);
    }

    public int Count => _entries.Length;

    /// <summary>The best entries for a parent's message, best first; none when nothing searchable is left.</summary>
    public IReadOnlyList<KnowledgeEntry> Search(string message, int maxHits)
    {
        // Null when the analyzer leaves no term (only stop words or punctuation).
        if (_queries.CreateBooleanQuery(SearchField, message) is not { } query)
        {
            return [];
        }

        var top = _searcher.Search(query, maxHits).ScoreDocs;
        var hits = new KnowledgeEntry[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            hits[i] = _entries[top[i].Doc];
        }

        return hits;
    }

    /// <summary>Checks that document numbers still follow the entry order the hits are mapped through.</summary>
    public void VerifyDocumentOrder()
    {
        for (var doc = 0; doc < _reader.MaxDoc; doc++)
        {
            if (_reader.Document(doc).Get("id") != _entries[doc].Id)
            {
                throw new InvalidOperationException($"Lucene document {doc} is not entry {_entries[doc].Id}; hits would be mapped wrongly.");
            }
        }
    }

    private static string Weighted(KnowledgeEntry entry)
    {
        var keywords = string.Join(", ", entry.Keywords);
        return $"{entry.Title}\n{entry.Title}\n{keywords}\n{keywords}\n{entry.Text}";
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
