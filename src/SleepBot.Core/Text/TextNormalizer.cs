using System.Globalization;
using System.Text;

namespace SleepBot.Text;

/// <summary>
/// Folds a parent's message to plain lower-case Latin text so that neither ALL CAPS, full-width letters,
/// look-alike Cyrillic or Greek letters, accents nor invisible characters can hide a word from matching.
/// </summary>
public static class TextNormalizer
{
    // Letters that render like Latin ones; NFKC does not fold these because they are distinct letters.
    private static readonly Dictionary<char, char> Homoglyphs = new()
    {
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o',
        ['р'] = 'p', ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j', ['ѕ'] = 's',
        ['α'] = 'a', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't',
        ['υ'] = 'u', ['χ'] = 'x', ['ł'] = 'l', ['ı'] = 'i',
        ['‘'] = '\'', ['’'] = '\'', ['‛'] = '\'', ['`'] = '\'', ['“'] = '"', ['”'] = '"',
        ['–'] = '-', ['—'] = '-', ['‐'] = '-', ['‑'] = '-', ['−'] = '-',
    };

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        // NFKC folds full-width and other compatibility forms; NFD then exposes accents as combining marks.
        var decomposed = text.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (category is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                || rune.Value is '\t' or '\r' or '\n')
            {
                builder.Append(' ');
                continue;
            }

            var lower = Rune.ToLowerInvariant(rune);
            if (lower.IsBmp && Homoglyphs.TryGetValue((char)lower.Value, out var latin))
            {
                builder.Append(latin);
            }
            else
            {
                builder.Append(lower.ToString());
            }
        }

        return builder.ToString();
    }
}
