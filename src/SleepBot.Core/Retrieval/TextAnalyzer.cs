using SleepBot.Text;

namespace SleepBot.Retrieval;

/// <summary>Turns text into search terms: normalise, split, fix typos, fold shorthand and phrases, drop stop words, stem.</summary>
internal sealed class TextAnalyzer
{
    private readonly SpellingCorrector? _corrector;

    public TextAnalyzer(SpellingCorrector? corrector = null) => _corrector = corrector;

    public List<string> Analyze(string text) => Terms(Words(text));

    /// <summary>The search terms for words already split by <see cref="Words"/>; corrects typos in the list in place.</summary>
    public List<string> Terms(List<string> words)
    {
        if (_corrector is not null)
        {
            for (var i = 0; i < words.Count; i++)
            {
                words[i] = _corrector.Correct(words[i]);
            }
        }

        var terms = new List<string>(words.Count + 4);
        for (var i = 0; i < words.Count; i++)
        {
            if (i + 1 < words.Count && ParentLanguage.Phrases.TryGetValue((words[i], words[i + 1]), out var phrase))
            {
                terms.AddRange(phrase);
                i++;
                continue;
            }

            if (ParentLanguage.Expansions.TryGetValue(words[i], out var expansion))
            {
                terms.AddRange(expansion);
                continue;
            }

            if (!ParentLanguage.StopWords.Contains(words[i]))
            {
                terms.Add(LightStemmer.Stem(words[i]));
            }
        }

        return terms;
    }

    /// <summary>Lower-case words of letters, with digits split off ("7mo" → "mo") and numbers dropped.</summary>
    public static List<string> Words(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        var words = new List<string>(normalized.Length / 5 + 1);
        var span = normalized.AsSpan();
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var isLetter = i < span.Length && char.IsLetter(span[i]);
            if (isLetter && start < 0)
            {
                start = i;
            }
            else if (!isLetter && start >= 0)
            {
                // Apostrophes inside words ("don't", "baby's") join rather than split.
                if (i < span.Length - 1 && span[i] == '\'' && char.IsLetter(span[i + 1]))
                {
                    continue;
                }

                words.Add(span[start..i].ToString().Replace("'", "", StringComparison.Ordinal));
                start = -1;
            }
        }

        return words;
    }
}
