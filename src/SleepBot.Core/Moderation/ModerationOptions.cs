using System.ComponentModel.DataAnnotations;

namespace SleepBot.Moderation;

/// <summary>Settings of the <c>Moderation</c> configuration section.</summary>
public sealed class ModerationOptions
{
    public const string SectionName = "Moderation";

    /// <summary>Days the parent's message and the reply are kept on a flag; the verdict and audit trail stay.</summary>
    [Range(1, 3650, ErrorMessage = "Moderation:TextRetentionDays must be between 1 and 3650 days.")]
    public int TextRetentionDays { get; set; } = 30;

    /// <summary>How often expired text is purged.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Moderation:PurgeInterval must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
