using SleepBot.Evaluation;
using SleepBot.Knowledge;
using SleepBot.Retrieval;
using SleepBot.Tests.TestSupport;
using Xunit.Abstractions;

namespace SleepBot.Tests.Retrieval;

public class RetrievalTests(ITestOutputHelper output)
{
    private static readonly KnowledgeSnapshot Shipped = new KnowledgeFolder(RepoPaths.Knowledge).Load(DateTimeOffset.UnixEpoch);
    private static readonly RetrievalOptions Defaults = new();

    [Theory]
    [InlineData("dev", 0.92, 0.98)]
    [InlineData("holdout", 0.85, 0.95)]
    // blind2: written by the lead after the keyword work and measured once, so it shows how new wording fares.
    [InlineData("blind2", 0.70, 0.84)]
    public void Labelled_questions_land_on_their_topic(string split, double minHit1, double minHit3)
    {
        var questions = LabelledQuestion.Load(RepoPaths.TestData("retrieval-questions.jsonl")).Where(q => q.Split == split).ToList();
        var hit1 = 0;
        var hit3 = 0;
        foreach (var question in questions)
        {
            var topics = Shipped.Index.Search(question.Text, 3).Select(h => h.Entry.Topic).ToList();
            hit1 += topics.Take(1).Contains(question.Topic!) ? 1 : 0;
            hit3 += topics.Contains(question.Topic!) ? 1 : 0;
        }

        var (at1, at3) = ((double)hit1 / questions.Count, (double)hit3 / questions.Count);
        output.WriteLine($"{split}: {questions.Count} questions, hit@1 {at1:0.000}, hit@3 {at3:0.000}");
        Assert.True(at1 >= minHit1, $"hit@1 {at1:0.000} below {minHit1}");
        Assert.True(at3 >= minHit3, $"hit@3 {at3:0.000} below {minHit3}");
    }

    [Fact]
    public void Off_topic_questions_score_below_the_no_match_threshold()
    {
        foreach (var question in LabelledQuestion.Load(RepoPaths.TestData("off-topic-questions.jsonl")))
        {
            var best = Shipped.Index.Search(question.Text, 1).FirstOrDefault()?.Score ?? 0;
            Assert.True(best < Defaults.MinScore, $"'{question.Text}' scored {best}");
        }
    }

    [Theory]
    [InlineData("my LO screams when I put her down", "my baby cries when I put her down")]
    [InlineData("DS is 7mo and we started CIO", "my son is 7 months and we started cry it out")]
    [InlineData("how long wil the cryng last", "how long will the crying last")]
    [InlineData("FERBER CHECK-INS, HOW OFTEN???", "ferber check ins how often")]
    [InlineData("my bub wails in her cot", "my baby cries in her crib")]
    public void Parents_wording_finds_the_same_entries_as_plain_wording(string parentStyle, string plain)
    {
        var expected = Shipped.Index.Search(plain, 1).Single().Entry.Id;

        Assert.Equal(expected, Shipped.Index.Search(parentStyle, 1).Single().Entry.Id);
    }

    [Theory]
    [InlineData("crying", "cry")]
    [InlineData("cries", "cry")]
    [InlineData("cried", "cry")]
    [InlineData("napping", "nap")]
    [InlineData("settling", "settl")]
    [InlineData("settle", "settl")]
    [InlineData("babies", "baby")]
    [InlineData("routines", "routin")]
    public void Word_forms_fold_together(string word, string stem) => Assert.Equal(stem, LightStemmer.Stem(word));

    [Theory]
    [InlineData("sleep", "slep", true)]
    [InlineData("attachment", "attachmnet", true)]
    [InlineData("crying", "cryign", true)]
    [InlineData("crying", "crying", false)]
    [InlineData("crying", "cr", false)]
    [InlineData("rome", "room", false)]
    public void One_edit_apart_is_damerau_levenshtein_one(string a, string b, bool expected) =>
        Assert.Equal(expected, SpellingCorrector.IsOneEditApart(a, b));

    [Fact]
    public void Short_words_are_never_corrected_into_other_words()
    {
        var corrector = new SpellingCorrector(new Dictionary<string, int>(StringComparer.Ordinal) { ["rest"] = 1, ["sleep"] = 1, ["crying"] = 1 });

        Assert.Equal("best", corrector.Correct("best"));
        Assert.Equal("sleep", corrector.Correct("slep"));
        Assert.Equal("crying", corrector.Correct("cryimg"));
    }

    [Theory]
    [InlineData("how do I reverse a linked list in python")]
    [InlineData("what time does the tesco near me close on sundays")]
    public void Rare_shared_words_without_a_core_word_find_nothing(string question) =>
        Assert.Empty(Shipped.Index.Search(question, 3));

    [Fact]
    public void A_short_question_in_the_knowledge_own_words_needs_no_core_word() =>
        Assert.Equal("check_ins", Shipped.Index.Search("how long should I wait before going in?", 1).Single().Entry.Topic);

    [Fact]
    public void Ranking_is_deterministic()
    {
        var first = Shipped.Index.Search("should I go in when she cries", 5).Select(h => (h.Entry.Id, h.Score));
        var second = Shipped.Index.Search("should I go in when she cries", 5).Select(h => (h.Entry.Id, h.Score));

        Assert.Equal(first, second);
    }
}
