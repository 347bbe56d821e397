using System.Globalization;
using System.Text;
using Markdig;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SleepBot.Knowledge;

/// <summary>Reads one knowledge Markdown file: YAML front matter between <c>---</c> lines, then the body.</summary>
public static class KnowledgeFileParser
{
    public static readonly IReadOnlySet<string> Perspectives = new HashSet<string> { "sleep-training", "attachment-first", "neutral" };
    public static readonly IReadOnlySet<string> Tiers = new HashSet<string> { "emergency", "urgent", "doctor", "crisis" };

    private static readonly string[] RequiredFields = ["id", "title", "topic", "articles", "perspective", "reviewed_by", "reviewed_on"];
    private static readonly HashSet<string> KnownFields = [.. RequiredFields, "ages", "keywords", "tier"];
    private static readonly MarkdownPipeline PlainText = new MarkdownPipelineBuilder().Build();

    /// <returns>The entry, or null when the file cannot serve (its problems say why).</returns>
    public static KnowledgeEntry? Parse(string file, string text, ICollection<KnowledgeProblem> problems)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            problems.Add(Error(file, 1, "front-matter", "The file must start with a line of three dashes (---), then the fields (id, title, topic…), then another line of three dashes."));
            return null;
        }

        var close = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (close < 0)
        {
            problems.Add(Error(file, 1, "front-matter", "The fields at the top are never closed: add a line of three dashes (---) after them."));
            return null;
        }

        var fields = ReadFields(file, string.Join('\n', lines[1..close]), problems);
        if (fields is null)
        {
            return null;
        }

        var before = problems.Count(p => p.Severity == ProblemSeverity.Error);
        foreach (var (key, node) in fields)
        {
            if (!KnownFields.Contains(key))
            {
                problems.Add(Error(file, LineOf(node), "unknown-field", $"'{key}' is not a field SleepBot knows. The fields are: {string.Join(", ", KnownFields)}."));
            }
        }

        foreach (var required in RequiredFields.Where(r => !fields.ContainsKey(r)))
        {
            problems.Add(Error(file, 1, "missing-field", $"The field '{required}' is missing."));
        }

        var id = Text(file, fields, "id", problems);
        var title = Text(file, fields, "title", problems);
        var topic = Text(file, fields, "topic", problems);
        var articles = List(file, fields, "articles", problems);
        var perspective = Text(file, fields, "perspective", problems);
        var tier = Text(file, fields, "tier", problems);

        if (id is not null && System.IO.Path.GetFileNameWithoutExtension(file) != id)
        {
            problems.Add(Warning(file, LineOf(fields["id"]), "id-file-name", $"The id '{id}' differs from the file name; naming the file {id}.md makes it easy to find."));
        }

        if (topic is not null && !KnowledgeTopics.IsKnown(topic))
        {
            problems.Add(Error(file, LineOf(fields["topic"]), "unknown-topic", $"'{topic}' is not one of the topics: {string.Join(", ", KnowledgeTopics.All.Select(t => t.Name))}."));
        }

        if (perspective is not null && !Perspectives.Contains(perspective))
        {
            problems.Add(Error(file, LineOf(fields["perspective"]), "perspective", $"perspective must be one of: {string.Join(", ", Perspectives)}."));
        }

        if (tier is not null && (!Tiers.Contains(tier) || topic != KnowledgeTopics.ProfessionalHelp))
        {
            problems.Add(Error(file, LineOf(fields["tier"]), "tier", $"tier is only for professional_help texts and must be one of: {string.Join(", ", Tiers)}."));
        }

        DateOnly? reviewedOn = null;
        if (Text(file, fields, "reviewed_on", problems) is { } reviewed)
        {
            if (DateOnly.TryParseExact(reviewed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                reviewedOn = date;
            }
            else
            {
                problems.Add(Error(file, LineOf(fields["reviewed_on"]), "reviewed-on", $"reviewed_on should be a date like 2026-11-22, not '{reviewed}'."));
            }
        }

        var paragraphs = ReadBody(lines[(close + 1)..]);
        if (paragraphs.Count == 0)
        {
            problems.Add(Error(file, close + 2, "empty", "The entry has no text below the fields."));
        }

        var newErrors = problems.Count(p => p.Severity == ProblemSeverity.Error) - before;
        if (id is null || title is null || topic is null || articles is null || paragraphs.Count == 0
            || !KnowledgeTopics.IsKnown(topic) || (newErrors > 0 && topic == KnowledgeTopics.ProfessionalHelp))
        {
            // Safety replies are served verbatim, so a half-valid one is never used.
            return null;
        }

        return new KnowledgeEntry
        {
            Id = id,
            Title = title,
            Topic = topic,
            Articles = articles,
            Perspective = perspective ?? "neutral",
            ReviewedBy = Text(file, fields, "reviewed_by", problems),
            ReviewedOn = reviewedOn,
            Ages = Text(file, fields, "ages", problems),
            Keywords = List(file, fields, "keywords", problems) ?? [],
            Tier = tier,
            Paragraphs = paragraphs,
            File = file,
            BodyLine = close + 2,
        };
    }

    private static Dictionary<string, YamlNode>? ReadFields(string file, string yaml, ICollection<KnowledgeProblem> problems)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // +1: the front matter starts on the line after the opening dashes.
            var detail = ex.InnerException?.Message ?? ex.Message;
            problems.Add(Error(file, (int)ex.Start.Line + 1, "yaml", $"The fields at the top could not be read ({detail}). Check for a missing colon, a stray quote or wrong indentation."));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) on some unclosed brackets.
            problems.Add(Error(file, UnbalancedLine(yaml) + 1, "yaml", "The fields at the top could not be read: a bracket or quote is not closed."));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            problems.Add(Error(file, 2, "yaml", "The fields at the top should be lines like 'title: Why babies cry'."));
            return null;
        }

        // YamlDotNet itself rejects a field written twice, so keys are unique here.
        return map.Children.ToDictionary(c => (c.Key as YamlScalarNode)?.Value ?? c.Key.ToString(), c => c.Value, StringComparer.Ordinal);
    }

    private static int UnbalancedLine(string yaml)
    {
        var lines = yaml.Split('\n');
        var index = Array.FindIndex(lines, l => l.Count(c => c == '[') != l.Count(c => c == ']')
            || l.Count(c => c == '{') != l.Count(c => c == '}') || l.Count(c => c == '"') % 2 == 1);
        return index < 0 ? 1 : index + 1;
    }

    private static string? Text(string file, Dictionary<string, YamlNode> fields, string key, ICollection<KnowledgeProblem> problems)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        problems.Add(Error(file, LineOf(node), "field-value", $"'{key}' should be a single piece of text."));
        return null;
    }

    private static IReadOnlyList<string>? List(string file, Dictionary<string, YamlNode> fields, string key, ICollection<KnowledgeProblem> problems)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            return null;
        }

        if (node is YamlSequenceNode sequence && sequence.All(n => n is YamlScalarNode))
        {
            return [.. sequence.Cast<YamlScalarNode>().Select(s => s.Value?.Trim() ?? "").Where(s => s.Length > 0)];
        }

        problems.Add(Error(file, LineOf(node), "field-value", $"'{key}' should be a list, like [first, second]."));
        return null;
    }

    /// <summary>Splits the body into blocks at blank lines and renders each to plain text; list items become bullets.</summary>
    private static List<string> ReadBody(string[] bodyLines)
    {
        var paragraphs = new List<string>();
        var block = new List<string>();
        foreach (var line in bodyLines.Append(""))
        {
            if (line.Trim().Length > 0)
            {
                block.Add(line);
                continue;
            }

            if (block.Count > 0)
            {
                paragraphs.Add(RenderBlock(block));
                block.Clear();
            }
        }

        paragraphs.RemoveAll(p => p.Length == 0);
        return paragraphs;
    }

    private static string RenderBlock(List<string> block)
    {
        var isList = block.All(l => IsListItem(l.TrimStart()) || char.IsWhiteSpace(l[0]));
        if (!isList)
        {
            return Plain(string.Join('\n', block));
        }

        var items = new StringBuilder();
        foreach (var line in block.Where(l => IsListItem(l.TrimStart())))
        {
            var content = line.TrimStart()[(line.TrimStart().IndexOf(' ') + 1)..];
            items.Append(items.Length == 0 ? "" : "\n").Append("• ").Append(Plain(content));
        }

        return items.ToString();
    }

    private static bool IsListItem(string line) =>
        line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal)
        || (line.Length > 2 && char.IsDigit(line[0]) && line.IndexOf(". ", StringComparison.Ordinal) is > 0 and < 4);

    private static string Plain(string markdown)
    {
        var plain = Markdown.ToPlainText(markdown.Trim(), PlainText);
        return string.Join(' ', plain.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).TrimStart('#', ' ');
    }

    private static int LineOf(YamlNode node) => (int)node.Start.Line + 1;

    private static KnowledgeProblem Error(string file, int line, string rule, string message) => new(file, line, ProblemSeverity.Error, rule, message);

    private static KnowledgeProblem Warning(string file, int line, string rule, string message) => new(file, line, ProblemSeverity.Warning, rule, message);
}
