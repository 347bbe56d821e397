using System.ComponentModel.DataAnnotations;

namespace SleepBot.Knowledge;

public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The curated folder; relative paths are resolved against the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "knowledge";

    /// <summary>
    /// Folder of the seed articles, used only by <c>knowledge lint</c> to catch text copied from them.
    /// Empty skips that check (a user's clone has no seeds).
    /// </summary>
    public string SeedsPath { get; set; } = "";

    [Range(1, 3650)]
    public int CoverageRetentionDays { get; set; } = 90;
}
