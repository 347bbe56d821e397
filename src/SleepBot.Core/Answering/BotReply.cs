using System.Text.Json.Serialization;
using SleepBot.Safety;

namespace SleepBot.Answering;

public enum AnswerRoute
{
    Answer,
    ProfessionalHelp,
    NoMatch,
}

/// <summary>An entry a reply drew on, as the contract's <c>sources</c> list shows it.</summary>
public sealed record SourceRef(string Id, string Title, string Topic, IReadOnlyList<string> Articles, double Score);

/// <summary>The contract's reply object: what <c>ask --json</c> prints and what Discord shows.</summary>
public sealed record BotReply
{
    [JsonPropertyOrder(0)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonPropertyOrder(1)]
    public required AnswerRoute Route { get; init; }

    /// <summary>Exactly what the parent sees, at most <see cref="ReplyText.MaxLength"/> characters.</summary>
    [JsonPropertyOrder(2)]
    public required string Answer { get; init; }

    [JsonPropertyOrder(3)]
    public required SafetyVerdict Safety { get; init; }

    [JsonPropertyOrder(4)]
    public required IReadOnlyList<SourceRef> Sources { get; init; }

    [JsonPropertyOrder(5)]
    public bool Flagged { get; init; }
}
