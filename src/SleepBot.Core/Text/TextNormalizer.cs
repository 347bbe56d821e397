using System.Globalization;
using System.Text;

namespace SleepBot.Text;

/// <summary>
/// Folds a parent's message to plain lower-case Latin text so that neither ALL CAPS, full-width letters,
/// look-alike Cyrillic or Greek letters, accents nor invisible characters can hide a word from matching.
/// Line breaks survive as <c>\n</c> because they end sentences; other whitespace becomes a space.
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

        // Most messages are plain ASCII: skip the two Unicode normalisation passes for them.
        if (Ascii.IsValid(text))
        {
            return string.Create(text.Length, text, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = FoldAscii(source[i]);
                }
            });
        }

        // string.Normalize throws on lone surrogates; a parent's message must never make the check throw.
        var decomposed = ReplaceLoneSurrogates(text).Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (rune.Value is '\n' or '\r' || category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                builder.Append('\n');
                continue;
            }

            if (category is UnicodeCategory.SpaceSeparator || rune.Value == '\t')
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

    private static char FoldAscii(char c) => c switch
    {
        >= 'A' and <= 'Z' => (char)(c + 32),
        '\r' => '\n',
        '\t' => ' ',
        '`' => '\'',
        _ => c,
    };

    private static string ReplaceLoneSurrogates(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
