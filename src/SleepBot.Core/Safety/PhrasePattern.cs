using SleepBot.Text;

namespace SleepBot.Safety;

internal enum PatternPart
{
    Word,

    /// <summary><c>vomit*</c>: any word starting with the text.</summary>
    Prefix,

    /// <summary>A lone <c>*</c>: up to <see cref="PhrasePattern.MaxGap"/> words of any kind.</summary>
    Gap,

    /// <summary>A lone <c>...</c>: up to <see cref="PhrasePattern.MaxWideGap"/> words, never across a negation or a clause break.</summary>
    WideGap,
}

internal readonly record struct PatternToken(PatternPart Part, string Text);

/// <summary>
/// Phrase syntax of the rule files: words as parents type them, <c>{a|b}</c> for alternatives,
/// <c>word*</c> for any ending, a lone <c>*</c> for up to three words in between, a lone <c>...</c> for up to twelve
/// (the two halves of a description parents split up: "the soft spot on top of his head looks all puffed up").
/// Words go through the same normaliser and tokeniser as messages, so "won't" and "wont" read the same.
/// A phrase is kept as slots (one per word or brace group) and never expanded into all its combinations.
/// </summary>
internal sealed class PhrasePattern
{
    public const int MaxGap = 3;
    public const int MaxWideGap = 12;

    // A rule file's braces multiply the phrase-index nodes; this keeps a typo from making millions.
    private const int MaxCombinations = 20_000;

    private static readonly PatternToken[] GapSlot = [new(PatternPart.Gap, "*")];
    private static readonly PatternToken[] WideGapSlot = [new(PatternPart.WideGap, "...")];

    private PhrasePattern(List<PatternToken[][]> slots) => Slots = slots;

    /// <summary>Each slot holds its alternatives; an alternative is zero or more tokens.</summary>
    public IReadOnlyList<PatternToken[][]> Slots { get; }

    public static bool TryParse(string phrase, out PhrasePattern? pattern, out string? error)
    {
        pattern = null;
        var slots = new List<PatternToken[][]>();
        var rest = phrase.AsSpan().Trim();
        while (!rest.IsEmpty)
        {
            string[] alternatives;
            if (rest[0] == '{')
            {
                var close = rest.IndexOf('}');
                if (close < 0 || rest[1..close].Contains('{'))
                {
                    error = $"the phrase \"{phrase}\" has unmatched {{ }} braces";
                    return false;
                }

                if (close + 1 < rest.Length && !char.IsWhiteSpace(rest[close + 1]))
                {
                    error = $"the phrase \"{phrase}\" needs a space after each }}";
                    return false;
                }

                alternatives = rest[1..close].ToString().Split('|');
                rest = rest[(close + 1)..].TrimStart();
            }
            else
            {
                var end = rest.IndexOfAny(' ', '\t', '{');
                end = end < 0 ? rest.Length : end;
                if (end < rest.Length && rest[end] == '{' || rest[..end].Contains('}'))
                {
                    error = $"the phrase \"{phrase}\" has a brace that is not on its own; write spaces around {{ }}";
                    return false;
                }

                alternatives = [rest[..end].ToString()];
                rest = rest[end..].TrimStart();
            }

            if (alternatives is ["*"] or ["..."])
            {
                slots.Add([alternatives[0] == "*" ? GapSlot : WideGapSlot]);
                continue;
            }

            var slot = new PatternToken[alternatives.Length][];
            for (var i = 0; i < alternatives.Length; i++)
            {
                if (!TryTokenize(alternatives[i], out slot[i]))
                {
                    error = $"the phrase \"{phrase}\" has a lone * or ... inside braces; they stand for words between two others";
                    return false;
                }
            }

            slots.Add(slot);
        }

        error = Validate(phrase, slots);
        if (error is not null)
        {
            return false;
        }

        pattern = new PhrasePattern(slots);
        return true;
    }

    public static bool IsGap(PatternToken[][] slot) => slot is [var only] && (only == GapSlot || only == WideGapSlot);

    /// <summary>How many words a gap slot may skip; 0 for a slot of words.</summary>
    public static int GapWidth(PatternToken[][] slot) =>
        slot is [var only] && only == GapSlot ? MaxGap : slot is [var wide] && wide == WideGapSlot ? MaxWideGap : 0;

    private static bool AlwaysHasWords(PatternToken[][] slot) => !IsGap(slot) && Array.TrueForAll(slot, a => a.Length > 0);

    private static string? Validate(string phrase, List<PatternToken[][]> slots)
    {
        if (!slots.Exists(AlwaysHasWords))
        {
            return $"the phrase \"{phrase}\" has no words in it (or every word in it is optional)";
        }

        var firstGap = slots.FindIndex(IsGap);
        var lastGap = slots.FindLastIndex(IsGap);
        if (firstGap >= 0 && (!slots.Take(firstGap).Any(AlwaysHasWords) || !slots.Skip(lastGap + 1).Any(AlwaysHasWords)))
        {
            return $"the phrase \"{phrase}\" starts or ends with a lone * or ...; they stand for words between two others";
        }

        long combinations = 1;
        foreach (var slot in slots)
        {
            combinations *= slot.Length;
            if (combinations > MaxCombinations)
            {
                return $"the phrase \"{phrase}\" has more than {MaxCombinations} combinations; split it up";
            }
        }

        return null;
    }

    private static bool TryTokenize(string alternative, out PatternToken[] tokens)
    {
        var result = new List<PatternToken>();
        foreach (var chunk in alternative.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (chunk is "*" or "...")
            {
                tokens = [];
                return false;
            }

            var isPrefix = chunk.EndsWith('*');
            var words = MessageText.Tokenize(TextNormalizer.Normalize(chunk.TrimEnd('*')));
            for (var i = 0; i < words.Count; i++)
            {
                var part = isPrefix && i == words.Count - 1 ? PatternPart.Prefix : PatternPart.Word;
                result.Add(new PatternToken(part, words.Text(i).ToString()));
            }
        }

        tokens = [.. result];
        return true;
    }
}
