using System.Globalization;
using System.Text.RegularExpressions;

namespace SleepBot.Safety;

/// <summary>
/// Decimals said rather than typed, as voice typing writes them at 3 a.m.: "38 point 9", "thirty eight point four",
/// "a hundred and one point five". Rewritten to "38.9" so the temperature thresholds apply. Only numbers with "point"
/// are touched, so "thirty weeks" stays words.
/// </summary>
internal static partial class SpokenNumbers
{
    private static readonly Dictionary<string, int> Words = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["oh"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
        ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["thirty"] = 30, ["forty"] = 40, ["ninety"] = 90, ["hundred"] = 100,
    };

    public static string Rewrite(string normalized) =>
        normalized.Contains("point", StringComparison.Ordinal) ? Decimal().Replace(normalized, Rewrite) : normalized;

    private static string Rewrite(Match match)
    {
        var whole = match.Groups["whole"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("a" or "and"))
            .Sum(w => int.TryParse(w, CultureInfo.InvariantCulture, out var n) ? n : Words[w]);
        var fraction = match.Groups["fraction"].Value;
        var digit = int.TryParse(fraction, CultureInfo.InvariantCulture, out var d) ? d : Words[fraction];
        return string.Create(CultureInfo.InvariantCulture, $"{whole}.{digit}");
    }

    [GeneratedRegex(@"\b(?<whole>\d{2,3}|(?:a |one )?hundred(?: and)?(?: (?:one|two|three|four|five|six|seven|eight|nine))?|(?:thirty|forty|ninety) (?:one|two|three|four|five|six|seven|eight|nine)|thirty|forty|ninety) point (?<fraction>\d|zero|oh|one|two|three|four|five|six|seven|eight|nine)\b")]
    private static partial Regex Decimal();
}
