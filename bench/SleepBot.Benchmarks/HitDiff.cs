using SleepBot.Knowledge;
using SleepBot.Retrieval;

namespace SleepBot.Benchmarks;

/// <summary>
/// Per-question top hits of SleepBot and Lucene on the 10k folder: which engine wins where, and whether the top hit
/// is a shipped entry or a generated one (whose topic label is its template's, not its text's).
/// </summary>
internal static class HitDiff
{
    public static void Run(TextWriter output, int total, int seed = 20261122)
    {
        var questions = BenchmarkServices.TopicQuestions();
        using var synthetic = SyntheticKnowledge.Create(total, seed);
        var entries = RetrievalBenchmarks.SearchableEntries(new KnowledgeFolder(synthetic.Path).Load(DateTimeOffset.UtcNow));
        var shipped = RetrievalBenchmarks.SearchableEntries(new KnowledgeFolder(Repository.Knowledge).Load(DateTimeOffset.UtcNow));
        var shippedIndex = SearchIndex.Build(shipped);
        var index = SearchIndex.Build(entries);
        using var lucene = LuceneBaseline.Build(entries);

        var topics = entries.GroupBy(e => e.Topic).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"seed {seed}");
        output.WriteLine("topic shares: " + string.Join(", ", topics.OrderByDescending(t => t.Value).Select(t => $"{t.Key} {t.Value}")));
        var chance = questions.Average(q => (double)topics.GetValueOrDefault(q.Topic ?? "") / entries.Count);
        output.WriteLine($"hit@1 if the top hit were a random entry: {chance:P1}");

        int both = 0, onlySb = 0, onlyLu = 0, neither = 0;
        var sbSynth = new int[2]; var luSynth = new int[2]; var sbShip = new int[2]; var luShip = new int[2];
        foreach (var q in questions)
        {
            var s = index.Search(q.Text, 1).FirstOrDefault()?.Entry;
            var l = lucene.Search(q.Text, 1).FirstOrDefault();
            var s0 = shippedIndex.Search(q.Text, 1).FirstOrDefault()?.Entry;
            var sh = s?.Topic == q.Topic; var lh = l?.Topic == q.Topic;
            (IsSynthetic(s) ? sbSynth : sbShip)[sh ? 1 : 0]++;
            (IsSynthetic(l) ? luSynth : luShip)[lh ? 1 : 0]++;
            if (sh && lh) both++; else if (sh) onlySb++; else if (lh) onlyLu++; else neither++;
            var tag = sh == lh ? (sh ? "both" : "none") : sh ? "SB  " : "LU  ";
            output.WriteLine($"{tag} [{q.Topic}] {q.Text}\n     SB {Describe(s)}\n     LU {Describe(l)}\n     SB@55 {Describe(s0)} {(s0?.Topic == q.Topic ? "hit" : "miss")}");
        }

        output.WriteLine($"totals: both {both}, only SleepBot {onlySb}, only Lucene {onlyLu}, neither {neither}");
        output.WriteLine($"SleepBot top hit synthetic: {sbSynth[0] + sbSynth[1]} (topic right {sbSynth[1]}); shipped: {sbShip[0] + sbShip[1]} (right {sbShip[1]})");
        output.WriteLine($"Lucene   top hit synthetic: {luSynth[0] + luSynth[1]} (topic right {luSynth[1]}); shipped: {luShip[0] + luShip[1]} (right {luShip[1]})");
    }

    private static bool IsSynthetic(KnowledgeEntry? e) => e?.Id.StartsWith("synthetic-", StringComparison.Ordinal) == true;

    private static string Describe(KnowledgeEntry? e) => e is null ? "(none)" : $"{e.Id} [{e.Topic}] {e.Title}";
}
