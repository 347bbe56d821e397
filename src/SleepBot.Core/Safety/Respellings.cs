namespace SleepBot.Safety;

/// <summary>
/// Dropped g's typed at 3 a.m. ("breathin", "grabbin", "nothin"), read as the rule word they stand for.
/// Only words the rules use are restored, and never a word the rules use as it is, so "chin" and "skin" stay.
/// </summary>
internal sealed class Respellings
{
    private const int ShortestIngWord = 5; // "doing" → "doin"; "king" and "ring" have no dropped g

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byTyped;

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
    }

    public string? Find(ReadOnlySpan<char> typed) => _byTyped.TryGetValue(typed, out var word) ? word : null;
}
