using System.Globalization;

namespace SleepBot.Safety;

/// <summary>Splits tokens such as "38.5", "101f", "6wk" or "3mo" into their number and the letters glued to it.</summary>
internal static class NumberToken
{
    // Parents write small ages as words: "two weeks old".
    private static readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> Words = new Dictionary<string, double>
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["a"] = 1, ["few"] = 3,
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool TryParse(ReadOnlySpan<char> token, out double value, out ReadOnlySpan<char> suffix, out bool hasDecimal)
    {
        var digits = 0;
        while (digits < token.Length && (char.IsAsciiDigit(token[digits]) || (token[digits] == '.' && digits > 0)))
        {
            digits++;
        }

        suffix = token[digits..];
        hasDecimal = token[..digits].Contains('.');
        value = 0;
        return digits > 0 && digits <= 8 && double.TryParse(token[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseWord(ReadOnlySpan<char> token, out double value) => Words.TryGetValue(token, out value);
}
