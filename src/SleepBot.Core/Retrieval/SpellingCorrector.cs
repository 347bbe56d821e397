namespace SleepBot.Retrieval;

/// <summary>
/// Fixes one-letter typos ("slep", "cryng", "attachmnet") against the words the knowledge actually uses,
/// with the symmetric-delete method so a lookup costs a few hash probes instead of a scan of the vocabulary.
/// </summary>
internal sealed class SpellingCorrector
{
    private const int MinLength = 4;

    private readonly Dictionary<string, int> _frequency;
    private readonly Dictionary<string, List<string>> _byDeletion = new(StringComparer.Ordinal);

    /// <param name="vocabulary">Every word the knowledge uses, as often as it uses it.</param>
    /// <param name="wordCounts">How often the knowledge uses each word, in order of first use (an ordinal-keyed dictionary the corrector keeps).</param>
    public SpellingCorrector(Dictionary<string, int> wordCounts)
    {
        _frequency = wordCounts;
        foreach (var word in _frequency.Keys.Where(w => w.Length >= MinLength))
        {
            AddVariant(word, word);
            for (var i = 0; i < word.Length; i++)
            {
                AddVariant(word.Remove(i, 1), word);
            }
        }
    }

    public string Correct(string word)
    {
        if (word.Length < MinLength || _frequency.ContainsKey(word) || ParentLanguage.Expansions.ContainsKey(word)
            || ParentLanguage.StopWords.Contains(word))
        {
            return word;
        }

        string? best = null;
        var bestFrequency = 0;
        Consider(word);
        for (var i = 0; i < word.Length; i++)
        {
            Consider(word.Remove(i, 1));
        }

        return best ?? word;

        void Consider(string variant)
        {
            if (!_byDeletion.TryGetValue(variant, out var candidates))
            {
                return;
            }

            foreach (var candidate in candidates)
            {
                // A short word may only be corrected by adding a letter ("slep" → "sleep"), never into another word.
                var allowed = word.Length >= 5 || candidate.Length > word.Length;
                if (allowed && IsOneEditApart(word, candidate) && _frequency[candidate] > bestFrequency)
                {
                    best = candidate;
                    bestFrequency = _frequency[candidate];
                }
            }
        }
    }

    private void AddVariant(string variant, string word)
    {
        if (!_byDeletion.TryGetValue(variant, out var list))
        {
            _byDeletion[variant] = list = [];
        }

        if (!list.Contains(word))
        {
            list.Add(word);
        }
    }

    /// <summary>Damerau–Levenshtein distance of exactly one (insert, delete, substitute or swap neighbours).</summary>
    internal static bool IsOneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        if (a.Length == b.Length)
        {
            var restA = a.AsSpan(prefix + 1);
            var restB = b.AsSpan(prefix + 1);
            if (restA.SequenceEqual(restB))
            {
                return true;
            }

            return prefix + 1 < a.Length && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix]
                && a.AsSpan(prefix + 2).SequenceEqual(b.AsSpan(prefix + 2));
        }

        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return longer.AsSpan(prefix + 1).SequenceEqual(shorter.AsSpan(prefix));
    }
}
