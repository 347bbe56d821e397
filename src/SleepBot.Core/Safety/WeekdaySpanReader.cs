namespace SleepBot.Safety;

/// <summary>
/// Reads how many days something has gone on from two weekdays: "fever since last Friday, today's Wednesday",
/// "pulling at her ear since Sunday. It's Thursday now". Parents name days more often than they count them.
/// </summary>
internal static class WeekdaySpanReader
{
    private const int AnchorReach = 3;

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Weekdays = new Dictionary<string, int>
    {
        ["monday"] = 1, ["mon"] = 1, ["tuesday"] = 2, ["tues"] = 2, ["tue"] = 2, ["wednesday"] = 3, ["weds"] = 3, ["wed"] = 3,
        ["thursday"] = 4, ["thurs"] = 4, ["thur"] = 4, ["friday"] = 5, ["fri"] = 5, ["saturday"] = 6, ["sat"] = 6,
        ["sunday"] = 7, ["sun"] = 7,
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StartWords =
        new HashSet<string> { "since", "from", "started", "began" }.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EndWords =
        new HashSet<string> { "today", "todays", "now", "its", "is" }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Days from the anchored start weekday to the anchored "today" weekday (a week when they are the same day).</summary>
    public static int? FindDays(MessageText text)
    {
        int? start = null;
        int? end = null;
        for (var i = 0; i < text.Count; i++)
        {
            if (!Weekdays.TryGetValue(text.Text(i), out var day))
            {
                continue;
            }

            if (start is null && text.HasWordBefore(i, AnchorReach, StartWords))
            {
                start = day;
            }
            else if (start is not null && (text.HasWordBefore(i, AnchorReach, EndWords) || FollowedByEndWord(text, i)))
            {
                end = day;
            }
        }

        return start is { } s && end is { } e ? ((e - s + 6) % 7) + 1 : null;
    }

    // "Thursday now", "Thursday today"
    private static bool FollowedByEndWord(MessageText text, int token) =>
        token + 1 < text.Count && text.Tokens[token + 1].Sentence == text.Tokens[token].Sentence && EndWords.Contains(text.Text(token + 1));
}
