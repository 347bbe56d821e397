using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace SleepBot.Safety;

/// <summary>Which region's phone numbers and services the professional-help replies name.</summary>
public sealed class SafetyOptions
{
    public const string SectionName = "Safety";

    [Required(AllowEmptyStrings = false)]
    public string Region { get; set; } = "UK";

    public Dictionary<string, RegionContacts> Regions { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public RegionContacts Contacts => Regions[Region];
}

/// <summary>The values of the placeholders (<c>{EmergencyNumber}</c>…) in the professional-help texts.</summary>
public sealed class RegionContacts
{
    [Required(AllowEmptyStrings = false)] public string EmergencyNumber { get; set; } = "";
    [Required(AllowEmptyStrings = false)] public string EmergencyDepartment { get; set; } = "";
    [Required(AllowEmptyStrings = false)] public string SameDayAdvice { get; set; } = "";
    [Required(AllowEmptyStrings = false)] public string RoutineAdvice { get; set; } = "";
    [Required(AllowEmptyStrings = false)] public string CrisisLine { get; set; } = "";
    [Required(AllowEmptyStrings = false)] public string CrisisText { get; set; } = "";
    [Required(AllowEmptyStrings = false)] public string CryingSupport { get; set; } = "";

    public IEnumerable<(string Placeholder, string Value)> Placeholders =>
    [
        ("{EmergencyNumber}", EmergencyNumber), ("{EmergencyDepartment}", EmergencyDepartment),
        ("{SameDayAdvice}", SameDayAdvice), ("{RoutineAdvice}", RoutineAdvice), ("{CrisisLine}", CrisisLine),
        ("{CrisisText}", CrisisText), ("{CryingSupport}", CryingSupport),
    ];

    public string Fill(string text)
    {
        foreach (var (placeholder, value) in Placeholders)
        {
            text = text.Replace(placeholder, value, StringComparison.Ordinal);
        }

        return text;
    }
}

public sealed class SafetyOptionsValidator : IValidateOptions<SafetyOptions>
{
    public ValidateOptionsResult Validate(string? name, SafetyOptions options)
    {
        if (!options.Regions.TryGetValue(options.Region, out var contacts))
        {
            return ValidateOptionsResult.Fail(
                $"Safety:Region '{options.Region}' has no contacts; use one of: {string.Join(", ", options.Regions.Keys)} (or add Safety:Regions:{options.Region}).");
        }

        var missing = contacts.Placeholders.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Placeholder.Trim('{', '}')).ToList();
        return missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Safety:Regions:{options.Region} is missing: {string.Join(", ", missing.Select(m => $"Safety:Regions:{options.Region}:{m}"))}.");
    }
}
