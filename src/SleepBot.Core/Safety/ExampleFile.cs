using System.Text.Json;
using SleepBot.Knowledge;

namespace SleepBot.Safety;

/// <summary>
/// One <c>knowledge/safety/examples/*.jsonl</c> file: a labelled message a line, e.g.
/// <c>{"id": "s001", "text": "...", "tier": "urgent", "categories": ["illness"]}</c>. Other fields (such as the
/// evaluation's <c>split</c>) are allowed and ignored. A bad line is reported and skipped; the rest still count.
/// </summary>
public sealed record ExampleFile(string Path, IReadOnlyList<LabelledExample> Examples)
{
    public const string Folder = "examples";

    public static ExampleFile? Parse(string relativePath, string jsonLines, ICollection<KnowledgeProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        ArgumentNullException.ThrowIfNull(problems);

        var examples = new List<LabelledExample>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in jsonLines.Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (Read(line, out var error) is not { } example)
            {
                problems.Add(new(relativePath, lineNumber, ProblemSeverity.Error, "example", error));
            }
            else if (!ids.Add(example.Id))
            {
                problems.Add(new(relativePath, lineNumber, ProblemSeverity.Error, "duplicate-id", $"The id \"{example.Id}\" is already used earlier in this file."));
            }
            else
            {
                examples.Add(example);
            }
        }

        if (examples.Count == 0)
        {
            problems.Add(new(relativePath, 0, ProblemSeverity.Error, "empty-file", "The file has no labelled example; each line needs an id, a text and a tier."));
            return null;
        }

        return new ExampleFile(relativePath, examples);
    }

    private static LabelledExample? Read(string line, out string error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            error = $"The line is not valid JSON: {e.Message}";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "The line must be one JSON object with an id, a text and a tier.";
                return null;
            }

            var id = StringField(root, "id");
            var text = StringField(root, "text");
            var tierName = StringField(root, "tier");
            if (id is null || text is null || tierName is null)
            {
                error = "The line needs \"id\", \"text\" and \"tier\", each a non-empty string.";
                return null;
            }

            if (!SafetyNames.Tiers.TryGetValue(tierName, out var tier))
            {
                error = $"The tier \"{tierName}\" is not one of {string.Join(", ", SafetyNames.Tiers.Keys)}.";
                return null;
            }

            var categories = new List<SafetyCategory>();
            if (root.TryGetProperty("categories", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    var name = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.ToString();
                    if (!SafetyNames.Categories.TryGetValue(name, out var category))
                    {
                        error = $"The category \"{name}\" is not one of {string.Join(", ", SafetyNames.Categories.Keys)}.";
                        return null;
                    }

                    categories.Add(category);
                }
            }

            if ((tier == SafetyTier.None) != (categories.Count == 0))
            {
                error = tier == SafetyTier.None
                    ? "A message labelled \"none\" has no categories."
                    : $"A message labelled \"{tierName}\" needs its categories, main one first.";
                return null;
            }

            error = "";
            return new LabelledExample(id, text, tier, categories);
        }
    }

    private static string? StringField(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
