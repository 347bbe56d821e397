using System.Text.Json;

namespace SleepBot.Tests.TestSupport;

public sealed record LabelledQuestion(string Id, string Text, string? Topic, string? Split)
{
    public static IReadOnlyList<LabelledQuestion> Load(string file) =>
        [.. File.ReadLines(RepoPaths.TestData(file))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<LabelledQuestion>(l, JsonSerializerOptions.Web)!)];
}
