using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SleepBot.Knowledge;
using SleepBot.Retrieval;

namespace SleepBot.Core.Tests.Retrieval;

/// <summary>
/// The search keeps only the best hits while scanning; these check that what it keeps is exactly the head of the
/// full ranking (rank first, then id), including between entries that tie.
/// </summary>
public sealed class SearchIndexTopHitsTests
{
    private static readonly string[] Words = ["baby", "cries", "crying", "sleep", "night", "cot", "rocking", "feed", "check", "guilt", "nap", "week", "slep"];

    // Three copies of each entry under different ids, so many ranks tie exactly.
    private static readonly SearchIndex Index = SearchIndex.Build(
        from copy in new[] { "c", "a", "b" }
        from entry in Entries()
        select entry with { Id = $"{entry.Id}-{copy}" });

    private static Arbitrary<(string Query, int MaxHits)> Queries { get; } = Arb.From(Gen.Zip(
        Gen.NonEmptyListOf(Gen.Elements(Words)).Select(words => string.Join(' ', words)),
        Gen.Choose(0, 10)));

    [Property(MaxTest = 300)]
    public Property Top_hits_are_the_head_of_the_full_ranking() =>
        Prop.ForAll(Queries, q =>
        {
            var all = Index.Search(q.Query, Index.Count);
            var top = Index.Search(q.Query, q.MaxHits);

            Assert.Equal(all.Take(q.MaxHits).Select(h => h.Entry.Id), top.Select(h => h.Entry.Id));
            Assert.Equal(all.Take(q.MaxHits).Select(h => (h.Score, h.Rank)), top.Select(h => (h.Score, h.Rank)));
        });

    [Property(MaxTest = 100)]
    public Property The_full_ranking_is_by_rank_then_id() =>
        Prop.ForAll(Queries, q =>
        {
            var all = Index.Search(q.Query, Index.Count);
            var expected = all.OrderByDescending(h => h.Rank).ThenBy(h => h.Entry.Id, StringComparer.Ordinal);

            Assert.Equal(expected.Select(h => h.Entry.Id), all.Select(h => h.Entry.Id));
        });

    [Fact]
    public void Tied_entries_come_in_id_order()
    {
        var hits = Index.Search("rocking to sleep", 3);

        Assert.Equal(["rocking-a", "rocking-b", "rocking-c"], hits.Select(h => h.Entry.Id));
        Assert.Equal(hits[0].Rank, hits[2].Rank);
    }

    [Fact]
    public void The_filter_is_applied_before_the_best_are_kept()
    {
        var hits = Index.Search("rocking to sleep", 2, e => !e.Id.EndsWith("-a", StringComparison.Ordinal));

        Assert.Equal(["rocking-b", "rocking-c"], hits.Select(h => h.Entry.Id));
    }

    [Fact]
    public void A_negative_number_of_hits_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Index.Search("sleep", -1));

    private static IEnumerable<KnowledgeEntry> Entries()
    {
        yield return Entry("rocking", "Rocking to sleep", "sleep_associations", "Rocking your baby to sleep every night is a sleep association.", "They wake and want the rocking again.");
        yield return Entry("check-ins", "Short check ins", "check_ins", "A check at night can reassure your baby without feeding.");
        yield return Entry("first-week", "The first week", "how_long", "Crying is usually worst in the first nights and fades within a week.");
        yield return Entry("guilt", "Guilt is normal", "parent_feelings", "Feeling guilt while your baby cries does not mean you are doing harm.");
        yield return Entry("naps", "Naps take longer", "how_long", "Naps often take longer to settle than night sleep.");
    }

    private static KnowledgeEntry Entry(string id, string title, string topic, params string[] paragraphs) => new()
    {
        Id = id,
        Title = title,
        Topic = topic,
        Articles = ["000_test.txt"],
        Paragraphs = paragraphs,
        File = $"{topic}/{id}.md",
    };
}
