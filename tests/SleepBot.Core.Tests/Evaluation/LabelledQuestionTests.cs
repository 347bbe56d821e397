using SleepBot.Evaluation;
using SleepBot.Knowledge;
using RepoPaths = SleepBot.Tests.TestSupport.RepoPaths;

namespace SleepBot.Core.Tests.Evaluation;

public sealed class LabelledQuestionTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"sleepbot-questions-{Guid.NewGuid():N}.jsonl");

    [Fact]
    public void Reads_labelled_and_unlabelled_lines_and_skips_blank_ones()
    {
        File.WriteAllLines(_file,
        [
            """{"id": "q1", "text": "why does she cry?", "topic": "why_crying", "split": "dev"}""",
            "",
            """{"id": "o1", "text": "best pizza in Rome?"}""",
        ]);

        var questions = LabelledQuestion.Load(_file);

        Assert.Equal([new("q1", "why does she cry?", "why_crying", "dev"), new LabelledQuestion("o1", "best pizza in Rome?")], questions);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"text": "no id"}""")]
    [InlineData("""{"id": "q1"}""")]
    public void A_line_that_is_not_a_question_names_its_line(string line)
    {
        File.WriteAllLines(_file, ["""{"id": "q1", "text": "fine"}""", line]);

        var error = Assert.Throws<FormatException>(() => LabelledQuestion.Load(_file));

        Assert.Contains(":2:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("retrieval-questions.jsonl")]
    [InlineData("off-topic-questions.jsonl")]
    public void The_shipped_sets_load_with_known_topics(string name)
    {
        var questions = LabelledQuestion.Load(RepoPaths.TestData(name));

        Assert.NotEmpty(questions);
        Assert.All(questions, q => Assert.True(q.Topic is null || KnowledgeTopics.IsKnown(q.Topic), $"{q.Id}: unknown topic {q.Topic}"));
    }

    public void Dispose() => File.Delete(_file);
}
