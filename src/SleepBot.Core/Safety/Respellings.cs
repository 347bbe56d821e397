namespace SleepBot.Safety;

/// <summary>
/// Dropped g's and stretched letters typed at 3 a.m. ("breathin", "nothin", "sooo"), read as the rule word they
/// stand for. Only words the rules use are restored, and never a word the rules use as it is, so "chin" and "skin" stay.
/// </summary>
internal sealed class Respellings
{
    private const int ShortestIngWord = 5; // "doing" → "doin"; "king" and "ring" have no dropped g
    private const int StretchedRun = 3;

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byTyped;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _ruleWords;

    public Respellings(IEnumerable<string> ruleWords)
    {
        var words = ruleWords.ToHashSet(StringComparer.Ordinal);
        var byTyped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in words.Where(w => w.Length >= ShortestIngWord && w.EndsWith("ing", StringComparison.Ordinal)))
        {
            var typed = word[..^1];
            if (!words.Contains(typed))
            {
                byTyped[typed] = word;
            }
        }

        _byTyped = byTyped.GetAlternateLookup<ReadOnlySpan<char>>();
        _ruleWords = words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string? Find(ReadOnlySpan<char> typed)
    {
        if (_byTyped.TryGetValue(typed, out var word))
        {
            return word;
        }

        return HasStretch(typed) ? Unstretched(typed) : null;
    }

    // "sooo" → "so", "pleeeease" → "please": a letter typed three or more times becomes one or two, whichever the rules use.
    private string? Unstretched(ReadOnlySpan<char> typed)
    {
        foreach (var keep in (ReadOnlySpan<int>)[1, 2])
        {
            var text = new System.Text.StringBuilder(typed.Length);
            for (var i = 0; i < typed.Length;)
            {
                var run = 1;
                while (i + run < typed.Length && typed[i + run] == typed[i])
                {
                    run++;
                }

                text.Append(typed[i], run >= StretchedRun ? keep : run);
                i += run;
            }

            var candidate = text.ToString();
            if (_ruleWords.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool HasStretch(ReadOnlySpan<char> typed)
    {
        for (var i = 2; i < typed.Length; i++)
        {
            if (typed[i] == typed[i - 1] && typed[i] == typed[i - 2] && char.IsLetter(typed[i]))
            {
                return true;
            }
        }

        return false;
    }
}
