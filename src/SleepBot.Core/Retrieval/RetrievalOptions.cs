using System.ComponentModel.DataAnnotations;

namespace SleepBot.Retrieval;

public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    /// <summary>Below this share of the question covered by the best entry, the bot says it has no answer.</summary>
    [Range(0.0, 1.0)]
    public double MinScore { get; set; } = 0.2;

    /// <summary>Answered, but below this the question is logged for <c>knowledge coverage</c>.</summary>
    [Range(0.0, 1.0)]
    public double WeakScore { get; set; } = 0.35;

    [Range(1, 3)]
    public int MaxSources { get; set; } = 2;
}
