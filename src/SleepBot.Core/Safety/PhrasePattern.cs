using SleepBot.Text;

namespace SleepBot.Safety;

internal enum PatternPart
{
    Word,

    /// <summary><c>vomit*</c>: any word starting with the text.</summary>
    Prefix,

    /// <summary>A lone <c>*</c>: up to <see cref="PhrasePattern.MaxGap"/> words of any kind.</summary>
    Gap,
}

internal readonly record struct PatternToken(PatternPart Part, string Text);

/// <summary>
/// Phrase syntax of the rule files: words as parents type them, <c>{a|b}</c> for alternatives,
/// <c>word*</c> for any ending, a lone <c>*</c> for up to three words in between.
/// Phrases go through the same normaliser and tokeniser as messages, so "won't" and "wont" read the same.
/// </summary>
internal static class PhrasePattern
{
    public const int MaxGap = 3;

    // A rule file's braces multiply; this keeps a typo from making millions of phrases.
    private const int MaxExpansions = 20_000;

    public static bool TryCompile(string phrase, out List<PatternToken[]> patterns, out string? error)
    {
        patterns = [];
        if (!TryExpand(phrase, out var alternatives, out error))
        {
            return false;
        }

        foreach (var alternative in alternatives)
        {
            var tokens = new List<PatternToken>();
            foreach (var chunk in alternative.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (chunk == "*")
                {
                    tokens.Add(new PatternToken(PatternPart.Gap, "*"));
                    continue;
                }

                var isPrefix = chunk.EndsWith('*');
                var words = MessageText.Tokenize(TextNormalizer.Normalize(chunk.TrimEnd('*')));
                for (var i = 0; i < words.Count; i++)
                {
                    var part = isPrefix && i == words.Count - 1 ? PatternPart.Prefix : PatternPart.Word;
                    tokens.Add(new PatternToken(part, words.Text(i).ToString()));
                }
            }

            if (!tokens.Exists(t => t.Part != PatternPart.Gap))
            {
                error = $"the phrase \"{phrase}\" has no words in it";
                return false;
            }

            if (tokens[0].Part == PatternPart.Gap || tokens[^1].Part == PatternPart.Gap)
            {
                error = $"the phrase \"{phrase}\" starts or ends with a lone *; a * stands for words between two others";
                return false;
            }

            patterns.Add([.. tokens]);
        }

        return true;
    }

    private static bool TryExpand(string phrase, out List<string> alternatives, out string? error)
    {
        alternatives = [""];
        error = null;
        var rest = phrase.AsSpan();
        while (!rest.IsEmpty)
        {
            var open = rest.IndexOfAny('{', '}');
            if (open < 0)
            {
                Append(alternatives, rest.ToString());
                break;
            }

            var close = rest[open..].IndexOf('}');
            if (rest[open] == '}' || close < 0 || rest[(open + 1)..(open + close)].Contains('{'))
            {
                error = $"the phrase \"{phrase}\" has unmatched {{ }} braces";
                return false;
            }

            Append(alternatives, rest[..open].ToString());
            var options = rest[(open + 1)..(open + close)].ToString().Split('|');
            alternatives = [.. alternatives.SelectMany(prefix => options.Select(option => prefix + option))];
            if (alternatives.Count > MaxExpansions)
            {
                error = $"the phrase \"{phrase}\" expands to more than {MaxExpansions} phrases; split it up";
                return false;
            }

            rest = rest[(open + close + 1)..];
        }

        return true;
    }

    private static void Append(List<string> alternatives, string text)
    {
        for (var i = 0; i < alternatives.Count; i++)
        {
            alternatives[i] += text;
        }
    }
}
