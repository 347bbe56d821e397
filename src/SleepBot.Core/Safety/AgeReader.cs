namespace SleepBot.Safety;

/// <summary>The baby's age as the message gives it.</summary>
/// <param name="Label">For moderators, e.g. "age 6 weeks".</param>
internal readonly record struct BabyAge(double Weeks, string Label)
{
    // Spec §3.3 and §4: "under 3 months" is under 13 weeks; a newborn is under a month.
    public const double YoungWeeks = 13;
    public const double NewbornWeeks = 4.3;
    public const double OneYearWeeks = 52;

    public bool IsYoung => Weeks < YoungWeeks;
    public bool IsNewborn => Weeks < NewbornWeeks;
    public bool IsToddler => Weeks >= OneYearWeeks;
}

/// <summary>Finds ages such as "6wk", "3 mo", "10 weeks old", "8 week old", "7mo", "newborn"; the youngest wins, to be safe with siblings.</summary>
internal static class AgeReader
{
    private enum AgeUnit
    {
        Day,
        Week,
        Month,
        Year,
    }

    private static readonly Dictionary<string, AgeUnit>.AlternateLookup<ReadOnlySpan<char>> Units = new Dictionary<string, AgeUnit>
    {
        ["d"] = AgeUnit.Day, ["day"] = AgeUnit.Day, ["days"] = AgeUnit.Day, ["do"] = AgeUnit.Day,
        ["w"] = AgeUnit.Week, ["wk"] = AgeUnit.Week, ["wks"] = AgeUnit.Week, ["week"] = AgeUnit.Week, ["weeks"] = AgeUnit.Week,
        ["wo"] = AgeUnit.Week, ["wkold"] = AgeUnit.Week, ["weeker"] = AgeUnit.Week,
        ["m"] = AgeUnit.Month, ["mo"] = AgeUnit.Month, ["mos"] = AgeUnit.Month, ["mth"] = AgeUnit.Month, ["mths"] = AgeUnit.Month,
        ["mnth"] = AgeUnit.Month, ["mnths"] = AgeUnit.Month, ["month"] = AgeUnit.Month, ["months"] = AgeUnit.Month,
        ["mon"] = AgeUnit.Month, ["monther"] = AgeUnit.Month,
        ["y"] = AgeUnit.Year, ["yo"] = AgeUnit.Year, ["yr"] = AgeUnit.Year, ["yrs"] = AgeUnit.Year, ["year"] = AgeUnit.Year, ["years"] = AgeUnit.Year,
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Every age written in the message, with the token it starts at.</summary>
    public static List<(int Token, BabyAge Age)> FindAll(MessageText text, MessageCues cues)
    {
        var ages = new List<(int Token, BabyAge Age)>();
        for (var i = 0; i < text.Count; i++)
        {
            if (Read(text, cues, i) is { } age)
            {
                ages.Add((i, age));
            }
        }

        return ages;
    }

    /// <summary>The youngest of the ages found, to be safe with siblings; else "newborn" if the message says so of now.</summary>
    public static BabyAge? Youngest(List<(int Token, BabyAge Age)> ages, MessageCues cues)
    {
        BabyAge? youngest = null;
        foreach (var (_, age) in ages)
        {
            if (youngest is null || age.Weeks < youngest.Value.Weeks)
            {
                youngest = age;
            }
        }

        // A number is more precise than "newborn", which parents also use for the past ("reflux as a newborn").
        if (youngest is null && cues.FirstNewborn is { } newborn && cues.CountsAsCurrent(newborn))
        {
            youngest = new BabyAge(2, "newborn");
        }

        return youngest;
    }

    private static BabyAge? Read(MessageText text, MessageCues cues, int i)
    {
        var word = text.Text(i);
        double value;
        int unitToken;
        AgeUnit unit;
        bool attached;
        if (NumberToken.TryParse(word, out value, out var suffix, out _))
        {
            attached = !suffix.IsEmpty;
            unitToken = attached ? i : i + 1 + AndAHalf(text, i + 1, ref value);
            if (attached ? !Units.TryGetValue(suffix, out unit) : !TryUnit(text, unitToken, out unit))
            {
                return null;
            }
        }
        else if (i + 1 < text.Count && text.Text(i + 1)[0] is 'd' or 'w' or 'm' or 'y' or 'a' && NumberToken.TryParseWord(word, out value))
        {
            attached = false;
            unitToken = i + 1 + AndAHalf(text, i + 1, ref value);
            if (!TryUnit(text, unitToken, out unit))
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        // "1.1m off the floor" is a height: a part-month age is written out ("2.5 months"), not with a bare "m".
        if (value % 1 != 0 && (attached ? suffix : text.Text(unitToken)).SequenceEqual("m"))
        {
            return null;
        }

        // "Seven weeks." on its own, as parents sign off a message, is the age just as "seven weeks old" is.
        var sentence = text.Tokens[i].Sentence;
        var wholeSentence = (i == 0 || text.Tokens[i - 1].Sentence != sentence)
            && (unitToken + 1 >= text.Count || text.Tokens[unitToken + 1].Sentence != sentence);
        var old = wholeSentence || (unitToken + 1 < text.Count && text.Text(unitToken + 1).SequenceEqual("old")) || BornAgo(text, i, unitToken);
        var spelledOut = !char.IsAsciiDigit(word[0]);

        // "for 2 weeks", "3 days ago" and "born at 36 weeks" are durations, not ages; "old" or shorthand like "6wk" settle it.
        if (!old && (spelledOut || unit == AgeUnit.Day || cues.NotAgeBeforeEndsAt(i) || cues.NotAgeAfterStartsAt(unitToken + 1)))
        {
            return null;
        }

        if (!old && !attached && text.Tokens[unitToken].Sentence != text.Tokens[i].Sentence)
        {
            return null;
        }

        var weeks = unit switch
        {
            AgeUnit.Day => value / 7,
            AgeUnit.Week => value,
            AgeUnit.Month => value * 52.0 / 12,
            _ => value * 52,
        };
        var unitName = unit.ToString().ToLowerInvariant() + (value == 1 ? "" : "s");
        return weeks is > 0 and < 52 * 18 ? new BabyAge(weeks, $"age {value:0.#} {unitName}") : null;
    }

    /// <summary>"2 and a half months": adds the half and returns how many words it took (0 or 3).</summary>
    private static int AndAHalf(MessageText text, int token, ref double value)
    {
        if (token + 2 < text.Count && text.Text(token).SequenceEqual("and") && text.Text(token + 1).SequenceEqual("a")
            && text.Text(token + 2).SequenceEqual("half"))
        {
            value += 0.5;
            return 3;
        }

        return 0;
    }

    // "born 2 months ago" is an age, though "2 months ago" alone is a time.
    private static bool BornAgo(MessageText text, int number, int unitToken) =>
        number > 0 && text.Text(number - 1).SequenceEqual("born")
        && unitToken + 1 < text.Count && text.Text(unitToken + 1).SequenceEqual("ago");

    private static bool TryUnit(MessageText text, int token, out AgeUnit unit)
    {
        unit = default;
        return token < text.Count && Units.TryGetValue(text.Text(token), out unit);
    }
}
