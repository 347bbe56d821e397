using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SleepBot.Knowledge;

namespace SleepBot.Benchmarks;

/// <summary>
/// The comparison point: Lucene.Net in memory with its English analyzer (Porter stemming, stop words) and BM25,
/// over the same entries with the same field weights as SleepBot's index (title and keywords count double).
/// </summary>
internal sealed class LuceneBaseline : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly string[] Fields = ["title", "keywords", "body"];
    private static readonly Dictionary<string, float> Boosts = new() { ["title"] = 2, ["keywords"] = 2, ["body"] = 1 };

    private readonly KnowledgeEntry[] _entries;
    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly EnglishAnalyzer _analyzer = new(Version);

    // The classic query parser keeps state while parsing, so each thread gets its own.
    private readonly ThreadLocal<MultiFieldQueryParser> _parser;

    private LuceneBaseline(KnowledgeEntry[] entries, RAMDirectory directory)
    {
        _entries = entries;
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _parser = new(() => new MultiFieldQueryParser(Version, Fields, _analyzer, Boosts));
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
                    new TextField("title", entry.Title, Field.Store.NO),
                    new TextField("keywords", string.Join(", ", entry.Keywords), Field.Store.NO),
                    new TextField("body", entry.Text, Field.Store.NO),
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
        Query query;
        try
        {
            query = _parser.Value!.Parse(QueryParserBase.Escape(message));
        }
        catch (ParseException)
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

    public void Dispose()
    {
        _parser.Dispose();
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
