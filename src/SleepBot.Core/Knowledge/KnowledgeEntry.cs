namespace SleepBot.Knowledge;

/// <summary>One curated knowledge file: front matter plus its body as plain paragraphs.</summary>
public sealed record KnowledgeEntry
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Topic { get; init; }
    public required IReadOnlyList<string> Articles { get; init; }
    public string Perspective { get; init; } = "neutral";
    public string? ReviewedBy { get; init; }
    public DateOnly? ReviewedOn { get; init; }
    public string? Ages { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>For <c>professional_help</c> entries: the safety tier whose reply this is.</summary>
    public string? Tier { get; init; }

    /// <summary>The body's paragraphs as plain text (Markdown emphasis and links removed), in order.</summary>
    public required IReadOnlyList<string> Paragraphs { get; init; }

    /// <summary>Path relative to the knowledge folder, forward slashes.</summary>
    public required string File { get; init; }

    /// <summary>1-based line where the body starts, for problems that point into the text.</summary>
    public int BodyLine { get; init; } = 1;

    public string Text => string.Join("\n\n", Paragraphs);
}
