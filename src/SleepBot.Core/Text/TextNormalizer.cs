using System.Text;

namespace SleepBot.Text;

/// <summary>
/// Folds a parent's message to plain lower-case Latin text so that neither ALL CAPS, full-width or "bold maths" letters,
/// look-alike Cyrillic or Greek letters, accents nor invisible characters can hide a word from matching.
/// Line breaks survive as <c>\n</c> because they end sentences; other whitespace becomes a space.
/// </summary>
/// <remarks>
/// The app runs with invariant globalization, where <see cref="string.Normalize()"/> does nothing for non-ASCII text,
/// so the compatibility folding that NFKC would do is done here from tables, the same on every machine.
/// </remarks>
public static class TextNormalizer
{
    // Letters that render like Latin ones; no Unicode normalisation folds these because they are distinct letters.
    private static readonly Dictionary<char, string> Homoglyphs = new()
    {
        ['а'] = "a", ['в'] = "b", ['е'] = "e", ['ё'] = "e", ['к'] = "k", ['м'] = "m", ['н'] = "h", ['о'] = "o",
        ['р'] = "p", ['с'] = "c", ['т'] = "t", ['у'] = "y", ['х'] = "x", ['і'] = "i", ['ј'] = "j", ['ѕ'] = "s",
        ['α'] = "a", ['ε'] = "e", ['ι'] = "i", ['κ'] = "k", ['ν'] = "v", ['ο'] = "o", ['ρ'] = "p", ['τ'] = "t",
        ['υ'] = "u", ['χ'] = "x", ['ł'] = "l", ['ı'] = "i", ['đ'] = "d", ['ø'] = "o", ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe",
        ['‘'] = "'", ['’'] = "'", ['‛'] = "'", ['`'] = "'", ['“'] = "\"", ['”'] = "\"",
        ['–'] = "-", ['—'] = "-", ['‐'] = "-", ['‑'] = "-", ['−'] = "-",
        ['\u2103'] = "°c", ['\u2109'] = "°f", ['\u3000'] = " ", ['\uFB00'] = "ff", ['\uFB01'] = "fi", ['\uFB02'] = "fl",
    };

    // Base letter of each accented letter from U+00C0 (Latin-1, Extended-A and -B), '.' where there is none.
    private const string LatinFrom00C0 =
        "aaaaaa.ceeeeiiii.nooooo..uuuuy..aaaaaa.ceeeeiiii.nooooo..uuuuy.yaaaaaaccccccccdd" +
        "..eeeeeeeeeegggggggghh..iiiiiiiii...jjkk.llllll....nnnnnn...oooooo..rrrrrrssssss" +
        "sstttt..uuuuuuuuuuuuwwyyyzzzzzzs................................oo.............u" +
        "u............................aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa...." +
        "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............................";

    // Base letter of each letter from U+1E00 (Latin Extended Additional: ạ, ẹ, ṡ ...), '.' where there is none.
    private const string LatinFrom1E00 =
        "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooo" +
        "oooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy.s...." +
        "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuu" +
        "uuyyyyyyyy......";

    private const char NoFolding = '\0';

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes()) // lone surrogates arrive as U+FFFD
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is System.Globalization.UnicodeCategory.NonSpacingMark
                or System.Globalization.UnicodeCategory.EnclosingMark
                or System.Globalization.UnicodeCategory.Format)
            {
                continue;
            }

            if (rune.Value is '\n' or '\r'
                || category is System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
            {
                builder.Append('\n');
            }
            else if (category is System.Globalization.UnicodeCategory.SpaceSeparator || rune.Value == '\t')
            {
                builder.Append(' ');
            }
            else
            {
                AppendFolded(builder, Rune.ToLowerInvariant(rune));
            }
        }

        return builder.ToString();
    }

    private static void AppendFolded(StringBuilder builder, Rune rune)
    {
        var value = rune.Value;
        var folded = value switch
        {
            < 0x80 => FoldAscii((char)value),
            >= 0xFF01 and <= 0xFF5E => char.ToLowerInvariant((char)(value - 0xFEE0)), // full-width forms
            >= 0xC0 and < 0xC0 + 400 => FromTable(LatinFrom00C0[value - 0xC0]),
            >= 0x1E00 and <= 0x1EFF => FromTable(LatinFrom1E00[value - 0x1E00]),
            >= 0x1D400 and <= 0x1D6A3 => (char)('a' + (value - 0x1D400) % 52 % 26), // maths bold, italic, script ... letters
            >= 0x1D7CE and <= 0x1D7FF => (char)('0' + (value - 0x1D7CE) % 10), // maths digits
            >= 0x24B6 and <= 0x24E9 => (char)('a' + (value - 0x24B6) % 26), // circled letters
            _ => NoFolding,
        };

        if (folded != NoFolding)
        {
            builder.Append(folded);
        }
        else if (rune.IsBmp && Homoglyphs.TryGetValue((char)value, out var latin))
        {
            builder.Append(latin);
        }
        else
        {
            Span<char> utf16 = stackalloc char[2];
            builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
        }
    }

    private static char FromTable(char c) => c == '.' ? NoFolding : c;

    private static char FoldAscii(char c) => c switch
    {
        >= 'A' and <= 'Z' => (char)(c + 32),
        '\r' => '\n',
        '\t' => ' ',
        '`' => '\'',
        _ => c,
    };
}
