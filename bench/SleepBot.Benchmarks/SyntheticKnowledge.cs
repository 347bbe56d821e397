using System.Text;
using SleepBot.Knowledge;

namespace SleepBot.Benchmarks;

/// <summary>
/// A knowledge folder of a chosen size for scale benchmarks: the shipped folder, topped up with generated entries
/// whose titles, keywords and paragraphs follow the word sequences of the shipped entries of one topic (a word-bigram
/// chain per topic), so term frequencies and document lengths look like real ones and an entry's topic label fits
/// its words, as it would in a real folder; hit@1 at scale then measures retrieval, not chance.
/// Seeded, so every run builds the same folder.
/// </summary>
internal sealed class SyntheticKnowledge : IDisposable
{
    private const string SentenceEnds = ".?!";

    private readonly Random _random;
    private readonly KnowledgeEntry[] _templates;
    private readonly Dictionary<string, TopicText> _byTopic;

    private SyntheticKnowledge(string path, IReadOnlyList<KnowledgeEntry> shipped, int seed)
    {
        Path = path;
        _random = new Random(seed);
        _templates = [.. shipped.Where(e => e.Tier is null)];
        _byTopic = _templates.GroupBy(e => e.Topic, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new TopicText(
                new WordChain(g.Select(e => e.Title)),
                new WordChain(g.SelectMany(e => e.Paragraphs)),
                [.. g.SelectMany(e => e.Keywords).Distinct(StringComparer.Ordinal)]),
            StringComparer.Ordinal);
    }

    public string Path { get; }

    /// <summary>Copies the shipped folder to a new temporary folder and adds generated entries up to <paramref name="totalEntries"/>.</summary>
    public static SyntheticKnowledge Create(int totalEntries, int seed = 20261122)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sleepbot-bench-{totalEntries}-{Guid.NewGuid():N}");
        CopyFolder(Repository.Knowledge, path);
        var shipped = new KnowledgeFolder(path).Load(DateTimeOffset.UtcNow).Entries;
        var synthetic = new SyntheticKnowledge(path, shipped, seed);
        for (var n = shipped.Count + 1; n <= totalEntries; n++)
        {
            synthetic.WriteEntry($"synthetic-{n:D5}");
        }

        return synthetic;
    }

    /// <summary>A temporary copy of the shipped folder, for benchmarks that edit files.</summary>
    public static SyntheticKnowledge CopyOfShipped() => Create(totalEntries: 0);

    /// <summary>The file a reload benchmark edits: a shipped entry, present in every folder this class makes.</summary>
    public string EditableFile => System.IO.Path.Combine(Path, "why_crying", "change-is-hard.md");

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private void WriteEntry(string id)
    {
        var template = _templates[_random.Next(_templates.Length)];
        var topic = _byTopic[template.Topic];
        var keywords = Enumerable.Range(0, _random.Next(5, 16)).Select(_ => topic.Keywords[_random.Next(topic.Keywords.Length)]).Distinct();
        var paragraphs = Enumerable.Range(0, _random.Next(2, 5)).Select(_ => topic.Paragraphs.Generate(_random, _random.Next(25, 70)));

        var text = new StringBuilder()
            .Append("---\n")
            .Append($"id: {id}\n")
            .Append($"title: {Quoted(TitleCase(topic.Titles.Generate(_random, _random.Next(4, 10))))}\n")
            .Append($"topic: {template.Topic}\n")
            .Append($"articles: [{string.Join(", ", template.Articles)}]\n")
            .Append($"perspective: {template.Perspective}\n")
            .Append("reviewed_by: synthetic benchmark data\n")
            .Append("reviewed_on: 2026-11-22\n")
            .Append($"keywords: [{string.Join(", ", keywords.Select(Quoted))}]\n")
            .Append("---\n")
            .AppendJoin("\n\n", paragraphs)
            .Append('\n');

        var folder = Directory.CreateDirectory(System.IO.Path.Combine(Path, template.Topic));
        File.WriteAllText(System.IO.Path.Combine(folder.FullName, id + ".md"), text.ToString());
    }

    private static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string TitleCase(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..].TrimEnd('.', '?', '!', ',', ':', ';');

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The word chains and keywords of one topic's shipped entries.</summary>
    private sealed record TopicText(WordChain Titles, WordChain Paragraphs, string[] Keywords);

    /// <summary>Which word follows which in the shipped text, and which words start a passage.</summary>
    private sealed class WordChain
    {
        private readonly List<string> _starts = [];
        private readonly Dictionary<string, List<string>> _next = new(StringComparer.Ordinal);

        public WordChain(IEnumerable<string> passages)
        {
            foreach (var passage in passages)
            {
                var words = passage.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0)
                {
                    continue;
                }

                _starts.Add(words[0]);
                for (var i = 0; i + 1 < words.Length; i++)
                {
                    if (!_next.TryGetValue(words[i], out var followers))
                    {
                        _next[words[i]] = followers = [];
                    }

                    followers.Add(words[i + 1]);
                }
            }
        }

        /// <summary>About <paramref name="length"/> words, run on to the end of a sentence when the text has one.</summary>
        public string Generate(Random random, int length)
        {
            var words = new List<string> { _starts[random.Next(_starts.Count)] };
            while (_next.TryGetValue(words[^1], out var followers))
            {
                var ended = SentenceEnds.Contains(words[^1][^1]);
                if (words.Count >= length && (ended || words.Count >= length * 2))
                {
                    break;
                }

                words.Add(followers[random.Next(followers.Count)]);
            }

            return string.Join(' ', words);
        }
    }
}
