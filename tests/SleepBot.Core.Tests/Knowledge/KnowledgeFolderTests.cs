using SleepBot.Knowledge;
using SleepBot.Tests.TestSupport;

namespace SleepBot.Tests.Knowledge;

public class KnowledgeFolderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Shipped_knowledge_has_no_errors_and_every_topic_has_entries()
    {
        var snapshot = new KnowledgeFolder(RepoPaths.Knowledge).Load(Now);

        Assert.Empty(snapshot.Problems);
        Assert.InRange(snapshot.Entries.Count, 30, 80);
        Assert.All(KnowledgeTopics.All, t => Assert.Contains(snapshot.Entries, e => e.Topic == t.Name));
        Assert.All(KnowledgeFileParser.Tiers, tier => Assert.Contains(snapshot.Entries, e => e.Tier == tier));
    }

    [Fact]
    public void A_broken_file_is_reported_and_skipped_while_the_rest_load()
    {
        using var folder = TempKnowledgeFolder.CopyOfShipped();
        var healthy = new KnowledgeFolder(folder.Path).Load(Now).Entries.Count;
        var victim = Directory.EnumerateFiles(Path.Combine(folder.Path, "check_ins"), "*.md").First();
        File.WriteAllText(victim, File.ReadAllText(victim).Replace("topic: check_ins", "topic: [check_ins", StringComparison.Ordinal));

        var snapshot = new KnowledgeFolder(folder.Path).Load(Now);

        var problem = Assert.Single(snapshot.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal("check_ins/" + Path.GetFileName(victim), problem.File);
        Assert.True(problem.Line > 1);
        Assert.Equal(healthy - 1, snapshot.Entries.Count);
    }

    [Fact]
    public void Broken_edit_keeps_the_last_good_version_serving()
    {
        using var folder = TempKnowledgeFolder.CopyOfShipped();
        var knowledge = new KnowledgeFolder(folder.Path);
        var before = knowledge.Load(Now);
        var file = "check_ins/should-i-go-in.md";
        folder.Write(file, "---\nid: should-i-go-in\ntitle: [broken\n---\nBody");

        var after = knowledge.Load(Now);

        Assert.Equal(before.Entries.Count, after.Entries.Count);
        Assert.Contains(after.Entries, e => e.Id == "should-i-go-in");
        Assert.Contains(after.Problems, p => p.File == file && p.Rule == "yaml");
        Assert.Contains(after.Problems, p => p.File == file && p.Rule == "last-good");
    }

    [Fact]
    public void Cross_file_rules_catch_duplicates_unknown_articles_and_empty_topics()
    {
        using var folder = TempKnowledgeFolder.Empty();
        folder.Write("articles.yaml", "- file: a.txt\n  title: Article A\n");
        folder.Write("one.md", Entry("same", "why_crying", "a.txt"));
        folder.Write("two.md", Entry("same", "why_crying", "a.txt"));
        folder.Write("three.md", Entry("three", "how_long", "missing.txt"));

        var snapshot = new KnowledgeFolder(folder.Path).Load(Now);

        Assert.Contains(snapshot.Problems, p => p.Rule == "duplicate-id" && p.File == "two.md");
        Assert.Contains(snapshot.Problems, p => p.Rule == "unknown-article" && p.File == "three.md" && p.Message.Contains("missing.txt", StringComparison.Ordinal));
        Assert.Contains(snapshot.Problems, p => p.Rule == "empty-topic" && p.Message.Contains("check_ins", StringComparison.Ordinal));
        Assert.Contains(snapshot.Problems, p => p.Rule == "missing-help-text" && p.Message.Contains("crisis", StringComparison.Ordinal));
        Assert.DoesNotContain(snapshot.Problems, p => p.Rule == "empty-topic" && p.Message.Contains("'why_crying'", StringComparison.Ordinal));
        Assert.Equal(2, snapshot.Entries.Count);
    }

    [Fact]
    public void Entries_that_cannot_fit_a_discord_reply_are_errors_and_long_ones_warnings()
    {
        using var folder = TempKnowledgeFolder.Empty();
        folder.Write("articles.yaml", "- file: a.txt\n  title: Article A\n");
        folder.Write("huge.md", Entry("huge", "why_crying", "a.txt", body: new string('x', 1990)));
        folder.Write("long.md", Entry("long", "how_long", "a.txt", body: string.Join("\n\n", Enumerable.Repeat(new string('y', 500), 4))));

        var snapshot = new KnowledgeFolder(folder.Path).Load(Now);

        Assert.Contains(snapshot.Problems, p => p.Rule == "does-not-fit" && p.File == "huge.md" && p.Severity == ProblemSeverity.Error);
        Assert.Contains(snapshot.Problems, p => p.Rule == "long" && p.File == "long.md" && p.Severity == ProblemSeverity.Warning);
    }

    [Fact]
    public void Copied_seed_text_is_flagged_with_its_line()
    {
        using var folder = TempKnowledgeFolder.Empty();
        using var seeds = TempKnowledgeFolder.Empty();
        seeds.Write("seed.txt", "Babies cry because it is the only way they have to tell us what they need right now.");
        folder.Write("articles.yaml", "- file: seed.txt\n  title: Seed\n");
        folder.Write("copy.md", Entry("copy", "why_crying", "seed.txt", body: "My own opening.\n\nAs they say, it is the only way they have to tell us what they need."));
        folder.Write("own.md", Entry("own", "how_long", "seed.txt", body: "Crying tells you something; listen to it in your own way and time."));
        var snapshot = new KnowledgeFolder(folder.Path).Load(Now);
        var problems = new List<KnowledgeProblem>();

        SeedCopyCheck.Run(folder.Path, snapshot.Entries, seeds.Path, problems);

        var copied = Assert.Single(problems);
        Assert.Equal(("copy.md", "copied-text", 12), (copied.File, copied.Rule, copied.Line));
    }

    [Fact]
    public void A_missing_folder_throws_so_the_store_can_keep_serving()
    {
        var missing = Path.Combine(Path.GetTempPath(), "sleepbot-tests", "does-not-exist-" + Guid.NewGuid());

        Assert.Throws<DirectoryNotFoundException>(() => new KnowledgeFolder(missing).Load(Now));
    }

    internal static string Entry(string id, string topic, string article, string body = "A short answer in plain words.") => $"""
        ---
        id: {id}
        title: Title of {id}
        topic: {topic}
        articles: [{article}]
        perspective: neutral
        reviewed_by: Test
        reviewed_on: 2026-11-22
        ---
        {body}
        """;
}

public class ArticleCatalogTests
{
    [Theory]
    [InlineData("- file: a.txt\n  title: [unclosed", "yaml")]
    [InlineData("file: a.txt", "articles")]
    [InlineData("- file: a.txt\n- title: no file", "articles")]
    public void A_broken_article_list_is_reported(string yaml, string rule)
    {
        var problems = new List<KnowledgeProblem>();

        ArticleCatalog.Parse(yaml, problems);

        Assert.Contains(problems, p => p.Rule == rule && p.File == ArticleCatalog.FileName && p.Line >= 1);
    }

    [Fact]
    public void A_missing_article_list_is_an_error()
    {
        using var folder = TempKnowledgeFolder.Empty();
        folder.Write("one.md", KnowledgeFolderTests.Entry("one", "why_crying", "a.txt"));

        var snapshot = new KnowledgeFolder(folder.Path).Load(DateTimeOffset.UnixEpoch);

        Assert.Contains(snapshot.Problems, p => p.Rule == "articles" && p.File == ArticleCatalog.FileName);
        Assert.Contains(snapshot.Problems, p => p.Rule == "unknown-article");
    }
}
