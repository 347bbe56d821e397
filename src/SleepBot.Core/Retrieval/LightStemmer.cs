namespace SleepBot.Retrieval;

/// <summary>
/// A small suffix stripper: enough to fold plurals and -ing/-ed forms (cries, crying, cried → cry) without a
/// stemming package (none is served here). Both sides of the match use it, so consistency matters more than grammar.
/// </summary>
internal static class LightStemmer
{
    public static string Stem(string word)
    {
        if (word.Length <= 3)
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) || word.EndsWith("ied", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length >= 6)
        {
            return Tidy(word[..^3]);
        }

        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length >= 5)
        {
            return Tidy(word[..^2]);
        }

        if (word.EndsWith("sses", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
            && !word.EndsWith("is", StringComparison.Ordinal))
        {
            return Tidy(word[..^1]);
        }

        return Tidy(word);
    }

    // Undoubles (napping → nap) and drops a final e (settle, settling → settl) so the forms meet.
    private static string Tidy(string stem)
    {
        if (stem.Length >= 4 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z' or 'e' or 'o'))
        {
            stem = stem[..^1];
        }

        if (stem.Length >= 4 && stem[^1] == 'e')
        {
            stem = stem[..^1];
        }

        return stem;
    }
}
