namespace SleepBot.Safety;

/// <summary>
/// Reads how long something has gone on from two clock times: "since 7pm, it's now after 10", "started at 7pm and
/// it's 9.30", "from 11pm till 2am". Parents at night give the clock more often than a duration.
/// </summary>
internal static class ClockSpanReader
{
    // How far before a time its anchor word may be: "since about 7pm", "it's now after 10".
    private const int AnchorReach = 3;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StartWords =
        new HashSet<string> { "since", "from", "at", "started", "starting", "began" }.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EndWords =
        new HashSet<string> { "now", "its", "till", "until", "til", "to", "gone", "after", "past" }.GetAlternateLookup<ReadOnlySpan<char>>();

    // After a bare "10" these words end the time; any other word makes it a count ("at 3 months").
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AfterBareTime =
        new HashSet<string> { "am", "pm", "oclock", "ish", "and", "but", "now", "tonight", "last", "this" }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The hours from the first anchored start time to the last anchored end time after it, or, when the parent gives
    /// the time first ("It's 1:40am. ... crying since 11:15"), to the last anchored end time before it.
    /// </summary>
    public static double? FindHours(MessageText text)
    {
        ClockTime? start = null;
        ClockTime? end = null;
        ClockTime? endBefore = null;
        for (var i = 0; i < text.Count; i++)
        {
            if (start is null)
            {
                start = text.HasWordBefore(i, AnchorReach, StartWords) ? ReadClock(text, i) : null;
                if (start is null && text.HasWordBefore(i, AnchorReach, EndWords) && ReadClock(text, i) is { } earlier)
                {
                    endBefore = earlier;
                }
            }
            else if (text.HasWordBefore(i, AnchorReach, EndWords) && ReadClock(text, i) is { } to)
            {
                end = to;
            }
        }

        end ??= endBefore;
        if (start is not { } s || end is not { } e)
        {
            return null;
        }

        // With am/pm on both, a 24-hour dial; otherwise the forward distance on a 12-hour one ("7pm ... now 10").
        var dial = s.HasMarker && e.HasMarker ? 24 : 12;
        return ((e.Hours - s.Hours) % dial + dial) % dial;
    }

    /// <summary>"7pm", "7 pm", "9.30", "9.30pm", "half 9", "10", "midnight" at the end of a clause; not "3 months" or "38.5".</summary>
    private static ClockTime? ReadClock(MessageText text, int token)
    {
        if (text.Text(token).SequenceEqual("midnight"))
        {
            return new ClockTime(0, HasMarker: true);
        }

        if (!NumberToken.TryParse(text.Text(token), out var value, out var suffix, out var hasDecimal))
        {
            return null;
        }

        var hasNext = token + 1 < text.Count && text.Tokens[token + 1].Sentence == text.Tokens[token].Sentence;
        var next = hasNext ? text.Text(token + 1) : [];
        var marker = suffix.IsEmpty ? next : suffix;
        var hour = Math.Floor(value);
        // "9.30" carries its minutes; British "half 9" is half past nine.
        var halfPast = token > 0 && text.Text(token - 1).SequenceEqual("half") && suffix.IsEmpty;
        var minutes = hasDecimal ? Math.Round((value - hour) * 100) : halfPast ? 30 : 0;
        var endsHere = !hasNext || text.Tokens[token + 1].CommaBefore || AfterBareTime.Contains(next);
        if (hour is < 1 or > 12 || minutes >= 60 || !(suffix.IsEmpty ? endsHere : suffix is "am" or "pm"))
        {
            return null;
        }

        var time = hour % 12 + minutes / 60;
        return marker switch
        {
            "pm" => new ClockTime(time + 12, HasMarker: true),
            "am" => new ClockTime(time, HasMarker: true),
            _ => new ClockTime(time, HasMarker: false),
        };
    }

    /// <param name="Hours">Since midnight when marked with am/pm, else on a 12-hour dial.</param>
    private readonly record struct ClockTime(double Hours, bool HasMarker);
}
