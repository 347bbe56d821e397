using System.Text.Json;
using System.Text.Json.Serialization;

namespace SleepBot.Evaluation;

/// <summary>A question from a labelled set: <c>{"id", "text", "topic", "split"}</c>. Off-topic questions have no topic.</summary>
public sealed record LabelledQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("topic")] string? Topic = null,
    [property: JsonPropertyName("split")] string? Split = null)
{
    /// <summary>Reads a JSON-lines file, skipping blank lines.</summary>
    /// <exception cref="FormatException">A line is not a question object; the message names the line.</exception>
    public static IReadOnlyList<LabelledQuestion> Load(string path)
    {
        var questions = new List<LabelledQuestion>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            questions.Add(Parse(line) ?? throw new FormatException($"{Path.GetFileName(path)}:{lineNumber}: expected {{\"id\": \"...\", \"text\": \"...\"}}."));
        }

        return questions;
    }

    private static LabelledQuestion? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<LabelledQuestion>(line) is { Id.Length: > 0, Text: not null } question ? question : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
