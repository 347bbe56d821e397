using SleepBot.Text;

namespace SleepBot.Safety;

/// <summary>One word or number of a normalised message.</summary>
/// <param name="Start">Offset of the token's text in <see cref="MessageText.Chars"/> (apostrophes removed, decimal commas made dots).</param>
/// <param name="End">Offset in the normalised text just after the token, to look at the symbol that follows (e.g. a degree sign).</param>
/// <param name="Sentence">Index of the sentence the token is in.</param>
/// <param name="CommaBefore">A comma, colon or bracket separates it from the previous token.</param>
internal readonly record struct Token(int Start, int Length, int End, int Sentence, bool CommaBefore);

/// <summary>A message split into tokens and sentences, with no per-token strings allocated.</summary>
internal sealed class MessageText
{
    // "he's" and "he is" must read the same, so one phrase covers both; rule phrases go through this too.
    private static readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> Contractions = new Dictionary<string, string[]>
    {
        ["hes"] = ["he", "is"], ["shes"] = ["she", "is"], ["theyre"] = ["they", "are"], ["youre"] = ["you", "are"], ["im"] = ["i", "am"],
        ["thats"] = ["that", "is"], ["whats"] = ["what", "is"], ["theres"] = ["there", "is"], ["somethings"] = ["something", "is"],
        ["nothings"] = ["nothing", "is"], ["everythings"] = ["everything", "is"],
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private MessageText(string normalized, char[] chars, Token[] tokens, int count, bool[] questions)
    {
        Normalized = normalized;
        Chars = chars;
        Tokens = tokens;
        Count = count;
        QuestionSentences = questions;
    }

    public string Normalized { get; }
    public char[] Chars { get; }
    public Token[] Tokens { get; }
    public int Count { get; }

    /// <summary>Per sentence index: the sentence ends with a question mark.</summary>
    public bool[] QuestionSentences { get; }

    public ReadOnlySpan<char> Text(int token) => Chars.AsSpan(Tokens[token].Start, Tokens[token].Length);

    /// <summary>One of the words comes at most <paramref name="reach"/> tokens before this one, in its sentence.</summary>
    public bool HasWordBefore(int token, int reach, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> words)
    {
        var sentence = Tokens[token].Sentence;
        for (var i = token - 1; i >= 0 && token - i <= reach && Tokens[i].Sentence == sentence; i--)
        {
            if (words.Contains(Text(i)))
            {
                return true;
            }
        }

        return false;
    }

    public static MessageText Parse(string message, Respellings? respellings = null) =>
        Tokenize(SpokenNumbers.Rewrite(TextNormalizer.Normalize(message)), respellings);

    public static MessageText Tokenize(string normalized, Respellings? respellings = null)
    {
        var chars = new char[normalized.Length * 2]; // room for contractions spelled out
        var tokens = new List<Token>(normalized.Length / 4 + 1);
        var questions = new List<bool> { false };
        var written = 0;
        var sentence = 0;
        var sentenceBreak = false;
        var comma = false;

        for (var i = 0; i < normalized.Length;)
        {
            var c = normalized[i];
            if (!char.IsLetterOrDigit(c))
            {
                switch (c)
                {
                    case '.' or '!' or '?' or ';' or '\n':
                        sentenceBreak = true;
                        if (c == '?')
                        {
                            questions[sentence] = true;
                        }

                        break;
                    case ',' or ':' or '(' or ')' or '/' or '"':
                        comma = true;
                        break;
                    case '-' when IsSpaceAt(normalized, i - 1) || IsSpaceAt(normalized, i + 1):
                        comma = true; // "no fever - floppy though", but not "6-in-1" or "high-pitched"
                        break;
                }

                i++;
                continue;
            }

            if (sentenceBreak && tokens.Count > 0)
            {
                sentence++;
                questions.Add(false);
            }

            var start = written;
            while (i < normalized.Length)
            {
                c = normalized[i];
                if (char.IsLetterOrDigit(c))
                {
                    chars[written++] = c;
                    i++;
                }
                else if (c == '\'' && IsLetterAt(normalized, i + 1))
                {
                    i++; // "don't" and "dont" must read the same
                }
                else if (c is '.' or ',' && char.IsAsciiDigit(chars[written - 1]) && IsDigitAt(normalized, i + 1))
                {
                    chars[written++] = '.'; // "39,1" is a European decimal comma
                    i++;
                }
                else
                {
                    break;
                }
            }

            var commaBefore = comma && !sentenceBreak;
            if (Contractions.TryGetValue(chars.AsSpan(start, written - start), out var words))
            {
                written = start;
                foreach (var word in words)
                {
                    word.CopyTo(chars.AsSpan(written));
                    tokens.Add(new Token(written, word.Length, i, sentence, commaBefore));
                    written += word.Length;
                    commaBefore = false;
                }
            }
            else if (respellings?.Find(chars.AsSpan(start, written - start)) is { } word)
            {
                word.CopyTo(chars.AsSpan(start));
                written = start + word.Length;
                tokens.Add(new Token(start, word.Length, i, sentence, commaBefore));
            }
            else
            {
                tokens.Add(new Token(start, written - start, i, sentence, commaBefore));
            }

            sentenceBreak = false;
            comma = false;
        }

        return new MessageText(normalized, chars, [.. tokens], tokens.Count, [.. questions]);
    }

    private static bool IsSpaceAt(string text, int index) => index < 0 || index >= text.Length || char.IsWhiteSpace(text[index]);

    private static bool IsLetterAt(string text, int index) => index < text.Length && char.IsLetter(text[index]);

    private static bool IsDigitAt(string text, int index) => index < text.Length && char.IsAsciiDigit(text[index]);
}
