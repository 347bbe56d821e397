using SleepBot.Knowledge;
using SleepBot.Safety;

namespace SleepBot.Core.Tests.Safety;

public sealed class ExampleFileTests
{
    private const string Good = """{"id": "a1", "text": "she is floppy and grey", "tier": "emergency", "categories": ["illness"], "split": "dev"}""";

    [Fact]
    public void A_labelled_line_becomes_an_example_and_extra_fields_are_ignored()
    {
        var problems = new List<KnowledgeProblem>();

        var file = ExampleFile.Parse("safety/examples/a.jsonl", Good + "\n\n", problems);

        Assert.Empty(problems);
        var example = Assert.Single(file!.Examples);
        Assert.Equal(("a1", "she is floppy and grey", SafetyTier.Emergency), (example.Id, example.Text, example.Tier));
        Assert.Equal([SafetyCategory.Illness], example.Categories);
    }

    [Theory]
    [InlineData("""{"id": "b", "text": "x", "tier": "emergency", "categories": ["illness"]""", "not valid JSON")]
    [InlineData("""["b", "x", "none"]""", "one JSON object")]
    [InlineData("""{"id": "b", "text": "x"}""", "needs \"id\", \"text\" and \"tier\"")]
    [InlineData("""{"id": "b", "text": "x", "tier": "3", "categories": []}""", "is not one of none")]
    [InlineData("""{"id": "b", "text": "x", "tier": "urgent", "categories": ["flu"]}""", "category \"flu\"")]
    [InlineData("""{"id": "b", "text": "x", "tier": "urgent", "categories": []}""", "needs its categories")]
    [InlineData("""{"id": "b", "text": "x", "tier": "none", "categories": ["illness"]}""", "has no categories")]
    [InlineData("""{"id": "a1", "text": "x", "tier": "none", "categories": []}""", "already used")]
    public void A_bad_line_is_reported_with_its_line_and_the_rest_kept(string line, string message)
    {
        var problems = new List<KnowledgeProblem>();

        var file = ExampleFile.Parse("safety/examples/a.jsonl", Good + "\n" + line, problems);

        var problem = Assert.Single(problems);
        Assert.Equal(("safety/examples/a.jsonl", 2, ProblemSeverity.Error), (problem.File, problem.Line, problem.Severity));
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Single(file!.Examples);
    }

    [Fact]
    public void A_file_with_no_good_line_is_an_error()
    {
        var problems = new List<KnowledgeProblem>();

        Assert.Null(ExampleFile.Parse("safety/examples/a.jsonl", "\n", problems));
        Assert.Equal("empty-file", Assert.Single(problems).Rule);
    }
}
