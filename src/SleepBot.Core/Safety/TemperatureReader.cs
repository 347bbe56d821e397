namespace SleepBot.Safety;

/// <summary>A temperature the parent reported, in °C, with how they wrote it for moderators.</summary>
internal readonly record struct TemperatureReading(double Celsius, string Label, int Token)
{
    // R5 and §4: 38 °C (100.4 °F) is the fever line; under 36 °C is a low temperature.
    public const double FeverC = 38.0;
    public const double LowC = 36.0;

    public bool IsFever => Celsius >= FeverC;
    public bool IsLow => Celsius < LowC;
}

/// <summary>Reads "38.2", "101F", "39,1°", "100.4 f", "temp of 39" as temperatures, and leaves "38 weeks" or "100 ml" alone.</summary>
internal static class TemperatureReader
{
    private const double MinC = 30, MaxC = 45, MinF = 86, MaxF = 113;

    // A number followed by one of these is a quantity of something else.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> OtherUnits = new HashSet<string>
    {
        "d", "day", "days", "w", "wk", "wks", "week", "weeks", "m", "mo", "mos", "month", "months", "mth", "mths",
        "y", "yo", "yr", "yrs", "year", "years", "h", "hr", "hrs", "hour", "hours", "min", "mins", "minute", "minutes",
        "ml", "oz", "ounce", "ounces", "kg", "g", "lb", "lbs", "pound", "pounds", "times", "x", "am", "pm", "percent",
        "percentile", "cm", "inches", "nights", "naps", "feeds", "bottles", "wet", "nappies", "diapers", "sec", "secs", "seconds",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    public static List<TemperatureReading> FindAll(MessageText text, MessageCues cues)
    {
        var readings = new List<TemperatureReading>();
        for (var i = 0; i < text.Count; i++)
        {
            if (Read(text, cues, i) is { } reading)
            {
                readings.Add(reading);
            }
        }

        return readings;
    }

    private static TemperatureReading? Read(MessageText text, MessageCues cues, int i)
    {
        if (!NumberToken.TryParse(text.Text(i), out var value, out var suffix, out var hasDecimal))
        {
            return null;
        }

        if (cues.IsAboutSurroundings(i))
        {
            return null;
        }

        var next = NextInPiece(text, i);
        var unit = suffix switch
        {
            "c" => 'C',
            "f" => 'F',
            "" => UnitWord(text, next),
            _ => '!',
        };
        if (unit == '!' || (suffix.IsEmpty && next >= 0 && OtherUnits.Contains(text.Text(next))))
        {
            return null;
        }

        var degreeSign = FollowedByDegreeSign(text, i) || (unit == 'D');
        if (unit is '?' or 'D')
        {
            var plausibleC = value is >= MinC and <= MaxC;
            var plausibleF = value is >= MinF and <= MaxF;
            var clearlyTemperature = degreeSign || cues.SentenceHasTemperatureContext(i)
                || (hasDecimal && (value is >= 34 and <= 43 || value is >= 93 and <= 110));
            if (!clearlyTemperature || !(plausibleC || plausibleF))
            {
                return null;
            }

            unit = plausibleC ? 'C' : 'F';
        }

        if (unit == 'C' && value is >= MinC and <= MaxC)
        {
            return new TemperatureReading(value, $"{value:0.0#}C", i);
        }

        if (unit == 'F' && value is >= MinF and <= MaxF)
        {
            var celsius = Math.Round((value - 32) * 5 / 9, 1);
            return new TemperatureReading(celsius, $"{value:0.##}F ({celsius:0.0}C)", i);
        }

        return null;
    }

    // A comma or bracket ends a number's unit: "temp 39,0 (day 2)" is a temperature, not 39 days.
    private static int NextInPiece(MessageText text, int i) =>
        i + 1 < text.Count && text.Tokens[i + 1].Sentence == text.Tokens[i].Sentence && !text.Tokens[i + 1].CommaBefore ? i + 1 : -1;

    /// <returns>C or F for a unit word, D for "degrees" with no scale, ? when nothing says.</returns>
    private static char UnitWord(MessageText text, int next)
    {
        if (next < 0)
        {
            return '?';
        }

        var word = text.Text(next);
        return word switch
        {
            "c" or "celsius" or "centigrade" => 'C',
            "f" or "fahrenheit" or "farenheit" => 'F',
            "degrees" or "degree" or "deg" or "degs" => UnitWord(text, NextInPiece(text, next)) switch
            {
                '?' => 'D',
                var scale => scale,
            },
            _ => '?',
        };
    }

    private static bool FollowedByDegreeSign(MessageText text, int i)
    {
        var rest = text.Normalized.AsSpan(text.Tokens[i].End);
        var trimmed = rest[..Math.Min(rest.Length, 3)].TrimStart(' ');
        return !trimmed.IsEmpty && trimmed[0] is '°' or 'º' or '˚';
    }
}
