namespace SleepBot.Safety;

/// <summary>Who a phrase belongs to: a sign, the blockers of a sign, or a cue list.</summary>
internal enum OwnerKind
{
    Sign,
    SignBlocker,
    Cue,
}

internal readonly record struct PhraseOwner(OwnerKind Kind, int Index);

/// <summary>A phrase found in a message, covering tokens [Start, End).</summary>
internal readonly record struct PhraseMatch(PhraseOwner Owner, int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// All phrases of all rule files, indexed by the words they can start with. A message is scanned once, token by token;
/// at each token only the phrases starting with that word are tried, slot by slot, so the cost stays linear in the
/// message length and "{a|b} {c|d}" phrases are never multiplied out.
/// </summary>
internal sealed class PhraseIndex
{
    private readonly Dictionary<string, List<Entry>>.AlternateLookup<ReadOnlySpan<char>> _byFirstWord;
    private readonly Dictionary<string, List<Entry>>.AlternateLookup<ReadOnlySpan<char>> _byFirstPrefix;
    private readonly HashSet<int> _prefixStarts = [];
    private readonly int _longestPrefix;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _gapBarriers;

    /// <param name="gapBarriers">
    /// Words a <c>...</c> gap never skips (negations and clause breaks): "soft spot is not bulging" and
    /// "sick once but the nappy was green" must not join their two halves.
    /// </param>
    public PhraseIndex(IEnumerable<(PhrasePattern Pattern, PhraseOwner Owner)> phrases, IEnumerable<string> gapBarriers)
    {
        _gapBarriers = new HashSet<string>(gapBarriers, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var byWord = new Dictionary<string, List<Entry>>();
        var byPrefix = new Dictionary<string, List<Entry>>();
        foreach (var (pattern, owner) in phrases)
        {
            var compiled = new CompiledPhrase(owner, [.. pattern.Slots.Select(Slot.From)]);

            // A phrase can start in a later slot when the ones before it are optional ("{|the} baby").
            for (var slot = 0; slot < compiled.Slots.Length; slot++)
            {
                foreach (var group in pattern.Slots[slot].Where(a => a.Length > 0).GroupBy(a => a[0]))
                {
                    var map = group.Key.Part == PatternPart.Prefix ? byPrefix : byWord;
                    if (!map.TryGetValue(group.Key.Text, out var entries))
                    {
                        map[group.Key.Text] = entries = [];
                    }

                    entries.Add(new Entry(compiled, slot, [.. group]));
                }

                if (!compiled.Slots[slot].HasEmpty)
                {
                    break;
                }
            }
        }

        _byFirstWord = byWord.GetAlternateLookup<ReadOnlySpan<char>>();
        _byFirstPrefix = byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        _longestPrefix = byPrefix.Count == 0 ? 0 : byPrefix.Keys.Max(k => k.Length);
        foreach (var prefix in byPrefix.Keys)
        {
            _prefixStarts.Add(StartKey(prefix));
        }
    }

    public List<PhraseMatch> FindAll(MessageText text)
    {
        var matches = new List<PhraseMatch>();
        for (var start = 0; start < text.Count; start++)
        {
            var word = text.Text(start);
            if (_byFirstWord.TryGetValue(word, out var entries))
            {
                TryAll(text, entries, start, matches);
            }

            // Most words start no prefix phrase: their first two letters rule them out before any dictionary lookups.
            if (_longestPrefix == 0 || !(_prefixStarts.Contains(word[0]) || (word.Length > 1 && _prefixStarts.Contains(StartKey(word)))))
            {
                continue;
            }

            for (var length = Math.Min(word.Length, _longestPrefix); length > 0; length--)
            {
                if (_byFirstPrefix.TryGetValue(word[..length], out entries))
                {
                    TryAll(text, entries, start, matches);
                }
            }
        }

        return matches;
    }

    // The first two letters; a one-letter prefix such as "a*" keys on its letter alone.
    private static int StartKey(ReadOnlySpan<char> text) => text.Length < 2 ? text[0] : text[0] << 16 | text[1];

    private void TryAll(MessageText text, List<Entry> entries, int start, List<PhraseMatch> matches)
    {
        var sentence = text.Tokens[start].Sentence;
        foreach (var (phrase, slot, alternatives) in entries)
        {
            foreach (var alternative in alternatives)
            {
                if (MatchesRest(text, alternative, start, sentence))
                {
                    MatchSlots(text, phrase, slot + 1, start, start + alternative.Length, sentence, matches);
                }
            }
        }
    }

    // Phrases never run across sentences.
    private void MatchSlots(MessageText text, CompiledPhrase phrase, int slot, int start, int token, int sentence, List<PhraseMatch> matches)
    {
        if (slot == phrase.Slots.Length)
        {
            if (token > start)
            {
                matches.Add(new PhraseMatch(phrase.Owner, start, token));
            }

            return;
        }

        var current = phrase.Slots[slot];
        if (current.GapWidth > 0)
        {
            for (var skip = 0; skip <= current.GapWidth && InSentence(text, token + skip, sentence); skip++)
            {
                if (skip > 0 && _gapBarriers.Contains(text.Text(token + skip - 1)))
                {
                    break;
                }

                MatchSlots(text, phrase, slot + 1, start, token + skip, sentence, matches);
            }

            return;
        }

        if (current.HasEmpty)
        {
            MatchSlots(text, phrase, slot + 1, start, token, sentence, matches);
        }

        if (!InSentence(text, token, sentence))
        {
            return;
        }

        var word = text.Text(token);
        if (current.ByFirstWord.TryGetValue(word, out var alternatives))
        {
            foreach (var alternative in alternatives)
            {
                if (MatchesRest(text, alternative, token, sentence))
                {
                    MatchSlots(text, phrase, slot + 1, start, token + alternative.Length, sentence, matches);
                }
            }
        }

        foreach (var alternative in current.StartingWithPrefix)
        {
            if (word.StartsWith(alternative[0].Text, StringComparison.Ordinal) && MatchesRest(text, alternative, token, sentence))
            {
                MatchSlots(text, phrase, slot + 1, start, token + alternative.Length, sentence, matches);
            }
        }
    }

    private static bool MatchesRest(MessageText text, PatternToken[] alternative, int token, int sentence)
    {
        for (var i = 1; i < alternative.Length; i++)
        {
            if (!InSentence(text, token + i, sentence))
            {
                return false;
            }

            var word = text.Text(token + i);
            var expected = alternative[i];
            var matched = expected.Part == PatternPart.Prefix
                ? word.StartsWith(expected.Text, StringComparison.Ordinal)
                : word.SequenceEqual(expected.Text);
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    private static bool InSentence(MessageText text, int token, int sentence) =>
        token < text.Count && text.Tokens[token].Sentence == sentence;

    private sealed record CompiledPhrase(PhraseOwner Owner, Slot[] Slots);

    /// <summary>A phrase that can start at a word: the slot that word is in, and that slot's alternatives starting with it.</summary>
    private readonly record struct Entry(CompiledPhrase Phrase, int Slot, PatternToken[][] Alternatives);

    /// <summary>One word or brace group of a phrase, with its alternatives looked up by their first word.</summary>
    private sealed class Slot
    {
        private static readonly Dictionary<string, PatternToken[][]> NoWords = [];

        private Slot(int gapWidth, bool hasEmpty, Dictionary<string, PatternToken[][]> byFirstWord, PatternToken[][] startingWithPrefix)
        {
            GapWidth = gapWidth;
            HasEmpty = hasEmpty;
            ByFirstWord = byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
            StartingWithPrefix = startingWithPrefix;
        }

        /// <summary>Words a gap slot may skip; 0 for a slot of words.</summary>
        public int GapWidth { get; }
        public bool HasEmpty { get; }
        public Dictionary<string, PatternToken[][]>.AlternateLookup<ReadOnlySpan<char>> ByFirstWord { get; }
        public PatternToken[][] StartingWithPrefix { get; }

        public static Slot From(PatternToken[][] alternatives)
        {
            if (PhrasePattern.GapWidth(alternatives) is > 0 and var width)
            {
                return new Slot(width, hasEmpty: false, NoWords, []);
            }

            var words = alternatives
                .Where(a => a.Length > 0 && a[0].Part == PatternPart.Word)
                .GroupBy(a => a[0].Text)
                .ToDictionary(g => g.Key, g => g.ToArray());
            var prefixes = alternatives.Where(a => a.Length > 0 && a[0].Part == PatternPart.Prefix).ToArray();
            return new Slot(gapWidth: 0, hasEmpty: alternatives.Any(a => a.Length == 0), words, prefixes);
        }
    }
}
