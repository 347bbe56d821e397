namespace SleepBot.Safety;

/// <summary>
/// Decides whether a parent's message describes a baby or parent who needs professional help (safety.md §2–§4).
/// Pure and thread-safe: all state lives in the immutable rule set, the trained reading and in locals of one call.
/// </summary>
/// <param name="learned">The second reading for messages the rules leave clear; null when there are no examples to learn from.</param>
public sealed class SafetyChecker(SafetyRuleSet rules, LearnedReading? learned = null)
{
    private const string LowTemperatureId = "low_temperature";
    private const string InjectionSignal = "asked to switch safety off (ignored)";
    private const double LongCryingHours = 2; // §3.4: can't be comforted in arms for more than 2 hours
    private const int FeverLongDays = 5;      // §3.1: fever lasting 5 days or more
    private const int EarPullingDays = 3;     // §3.1: ear pulling on its own for more than 3 days

    // §4 thresholds that depend on age; the 38 °C and 36 °C lines live in TemperatureReading.
    private const double UrgentFeverThreeToSixMonthsC = 38.3; // AAP 101 °F is below NICE's 39 °C; the lower, safer line wins
    private const double UrgentFeverOverSixMonthsC = 39.4;    // AAP 103 °F
    private const double UrgentFeverAgeUnknownC = 39.0;       // NICE amber for 3–6 months; sleep-training babies are mostly that old
    private const double SixMonthsWeeks = 26;
    private const double TwoYearsWeeks = 104;

    private readonly SafetyRuleSet _rules = rules ?? throw new ArgumentNullException(nameof(rules));

    public SafetyVerdict Check(string message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return SafetyVerdict.Clear;
        }

        var text = MessageText.Parse(message, _rules.Respellings);
        var matches = DropContainedMatches(_rules.Index.FindAll(text));
        var cues = new MessageCues(text, matches);
        var ages = AgeReader.FindAll(text, cues);
        foreach (var (token, _) in ages.Where(a => a.Age.Weeks < TwoYearsWeeks))
        {
            cues.AddBabyMention(token); // "toddler (18 mths) has a temp": an age under two is the child being trained
        }

        var age = AgeReader.Youngest(ages, cues);
        var findings = new List<Finding>();
        var present = new HashSet<string>(StringComparer.Ordinal);

        AddSigns(matches, cues, age, findings, present);
        AddDurations(text, present);
        var temperatureFound = AddTemperatures(text, cues, age, findings, present);
        var comboFired = AddCombos(age, findings, present);
        ApplyVaccineWindow(cues, comboFired, findings);

        var verdict = Verdict(findings, age, cues.InjectionFound);

        // Where the rules found a sign or a temperature and cleared it (negated, resolved, hypothetical, after jabs,
        // too young or too short for its tier), they read the message and their reading stands; the learned one is
        // for words the rules do not know.
        var rulesReadIt = temperatureFound || matches.Exists(static m => m.Owner.Kind == OwnerKind.Sign);
        return verdict.Distress || rulesReadIt || learned is null ? verdict : learned.Read(text);
    }

    public LearnedReading? Learned => learned;

    private void AddSigns(List<PhraseMatch> matches, MessageCues cues, BabyAge? age, List<Finding> findings, HashSet<string> present)
    {
        var allBlockers = matches.FindAll(static m => m.Owner.Kind == OwnerKind.SignBlocker);
        var blockers = new List<PhraseMatch>(allBlockers.Count);
        foreach (var match in matches)
        {
            if (match.Owner.Kind != OwnerKind.Sign)
            {
                continue;
            }

            var sign = _rules.Signs[match.Owner.Index];
            blockers.Clear();
            foreach (var blocker in allBlockers)
            {
                if (blocker.Owner.Index == match.Owner.Index)
                {
                    blockers.Add(blocker);
                }
            }

            if (cues.IsNegated(match, blockers) || !cues.CountsAsCurrent(match, questionIfApplies: sign.Tier < SafetyTier.Emergency, sign.ClearedBy)
                || (sign.Category == SafetyCategory.Illness && cues.IsAboutSomeoneElse(match.Start)))
            {
                continue;
            }

            present.Add(sign.Id);
            var tier = (age is { IsNewborn: true } ? sign.NewbornTier : null)
                ?? (age is { IsYoung: true } ? sign.YoungTier : null)
                ?? (age is { IsToddler: true } ? sign.ToddlerTier : null)
                ?? sign.Tier;
            if (tier > SafetyTier.None)
            {
                findings.Add(new Finding(sign.Id, tier, ForAge(sign.Category, age), sign.Signal, match.Start));
            }
        }
    }

    /// <summary>How long, from two clock times or two weekdays, marks the duration signs the combinations use.</summary>
    private static void AddDurations(MessageText text, HashSet<string> present)
    {
        if (ClockSpanReader.FindHours(text) >= LongCryingHours)
        {
            present.Add(SafetyRuleSet.LongCryingId);
        }

        switch (WeekdaySpanReader.FindDays(text))
        {
            case >= FeverLongDays:
                present.Add(SafetyRuleSet.FiveDaysOrMoreId);
                present.Add(SafetyRuleSet.MoreThanThreeDaysId);
                break;
            case > EarPullingDays:
                present.Add(SafetyRuleSet.MoreThanThreeDaysId);
                break;
        }
    }

    /// <returns>Whether the message gives the baby's temperature at all, fever or not.</returns>
    private static bool AddTemperatures(MessageText text, MessageCues cues, BabyAge? age, List<Finding> findings, HashSet<string> present)
    {
        var readings = TemperatureReader.FindAll(text, cues);
        var found = readings.Count > 0;
        readings.RemoveAll(r =>
        {
            var asMatch = new PhraseMatch(default, r.Token, r.Token + 1);
            var milderThanEmergency = TemperatureTier(r, age) < SafetyTier.Emergency;
            return cues.IsNegated(asMatch, []) || !cues.CountsAsCurrent(asMatch, questionIfApplies: milderThanEmergency)
                || cues.IsAboutSomeoneElse(r.Token);
        });
        if (readings.Count == 0)
        {
            return found;
        }

        // R5: the parent's number beats the parent's word: "fever 37.9" is below the line, "fever 39" is judged by §4.
        findings.RemoveAll(f => f.IsFever);
        present.Remove(SafetyRuleSet.FeverId);
        foreach (var reading in readings.Where(r => r.IsFever || r.IsLow))
        {
            var id = reading.IsFever ? SafetyRuleSet.FeverId : LowTemperatureId;
            var signal = (reading.IsFever ? "fever " : "low temperature ") + reading.Label;
            findings.Add(new Finding(id, TemperatureTier(reading, age), ForAge(SafetyCategory.Illness, age), signal, reading.Token));
            if (reading.IsFever)
            {
                present.Add(SafetyRuleSet.FeverId);
            }
        }

        return true;
    }

    /// <summary>§4, by age: under 3 months any fever or low reading is an emergency; older babies by how high.</summary>
    private static SafetyTier TemperatureTier(TemperatureReading reading, BabyAge? age)
    {
        if (age is { IsYoung: true })
        {
            return SafetyTier.Emergency;
        }

        if (reading.IsLow)
        {
            return SafetyTier.Urgent;
        }

        var urgentFrom = age switch
        {
            null => UrgentFeverAgeUnknownC,
            { Weeks: < SixMonthsWeeks } => UrgentFeverThreeToSixMonthsC,
            _ => UrgentFeverOverSixMonthsC,
        };
        return reading.Celsius >= urgentFrom ? SafetyTier.Urgent : SafetyTier.Doctor;
    }

    /// <summary>
    /// Combinations of named signs first; then those that need "some other sign", which may be a combination
    /// ("high-pitched cry" with "not settling in arms for 2 hours" is NICE red).
    /// </summary>
    private bool AddCombos(BabyAge? age, List<Finding> findings, HashSet<string> present)
    {
        var fired = AddCombos(withOtherSign: false, age, findings, present);
        return AddCombos(withOtherSign: true, age, findings, present) | fired;
    }

    private bool AddCombos(bool withOtherSign, BabyAge? age, List<Finding> findings, HashSet<string> present)
    {
        var fired = false;
        var before = findings.Count;
        foreach (var combo in _rules.Combos)
        {
            if (combo.WithOtherSign == withOtherSign
                && AllPresent(combo.When, present)
                && (combo.UnderWeeks is not { } under || age is { } known && known.Weeks < under)
                && (!combo.WithOtherSign || HasOtherSign(findings, before, combo.When)))
            {
                fired = true;
                findings.Add(new Finding(combo.Id, combo.Tier, ForAge(combo.Category, age), combo.Signal, int.MaxValue));
            }
        }

        return fired;
    }

    private static bool AllPresent(IReadOnlyList<string> ids, HashSet<string> present)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (!present.Contains(ids[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasOtherSign(List<Finding> findings, int count, IReadOnlyList<string> ids)
    {
        for (var i = 0; i < count; i++)
        {
            if (!ids.Contains(findings[i].Id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>R6: a fever within 48 hours of jabs in an otherwise well baby is expected, whatever the age.</summary>
    private static void ApplyVaccineWindow(MessageCues cues, bool comboFired, List<Finding> findings)
    {
        if (cues.RecentVaccine && !comboFired && findings.Count > 0 && findings.TrueForAll(f => f.IsFever))
        {
            findings.Clear();
        }
    }

    private static SafetyVerdict Verdict(List<Finding> findings, BabyAge? age, bool injectionFound)
    {
        if (findings.Count == 0)
        {
            return SafetyVerdict.Clear;
        }

        var tier = SafetyTier.None;
        var feverFound = false;
        var categories = new List<SafetyCategory>(findings.Count);
        foreach (var finding in findings)
        {
            tier = finding.Tier > tier ? finding.Tier : tier;
            feverFound |= finding.IsFever;
            if (!categories.Contains(finding.Category))
            {
                categories.Add(finding.Category);
            }
        }

        categories.Sort((a, b) => Precedence(a, feverFound).CompareTo(Precedence(b, feverFound)));
        findings.Sort(static (a, b) => a.Position.CompareTo(b.Position));
        var signals = new List<string>(findings.Count + 2);
        foreach (var finding in findings)
        {
            if (!signals.Contains(finding.Signal))
            {
                signals.Add(finding.Signal);
            }
        }

        if (age is { } known)
        {
            signals.Add(known.Label);
        }

        if (injectionFound)
        {
            signals.Add(InjectionSignal);
        }

        return new SafetyVerdict(tier, categories, signals);
    }

    /// <summary>R2 order of the main reason; hunger is only the main reason when there is no fever.</summary>
    private static int Precedence(SafetyCategory category, bool feverFound) => category switch
    {
        SafetyCategory.Injury => 0,
        SafetyCategory.ParentCrisis => 1,
        SafetyCategory.YoungInfant => 2,
        SafetyCategory.Hunger => feverFound ? 6 : 3,
        SafetyCategory.UnusualCry => 4,
        _ => 5,
    };

    /// <summary>R2: under 3 months, illness signs and unusual cries are the young-infant category.</summary>
    private static SafetyCategory ForAge(SafetyCategory category, BabyAge? age) =>
        age is { IsYoung: true } && category is SafetyCategory.Illness or SafetyCategory.UnusualCry ? SafetyCategory.YoungInfant : category;

    /// <summary>
    /// A negation or clause cue found inside a longer phrase is part of it ("no" inside "no wet nappy", "not" inside "not sure");
    /// a sign found inside a not-a-sign phrase is ordinary talk ("stopped feeding him to sleep").
    /// Signs inside other signs both count, so "I shook him" is an injury and a parent in crisis;
    /// a sign's blockers always count.
    /// </summary>
    private static List<PhraseMatch> DropContainedMatches(List<PhraseMatch> matches)
    {
        // A sign's phrase with a gap matches at several lengths from one start; the shortest is the description,
        // and only it can sit inside a not-a-sign phrase ("her usual screechy angry cry, the same one").
        matches.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        matches = ShortestSignMatchPerStart(matches);
        matches.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var kept = new List<PhraseMatch>(matches.Count);
        var widest = new PhraseMatch(default, -1, -1);
        var widestNotASign = widest;
        foreach (var match in matches)
        {
            var container = match.Owner switch
            {
                { Kind: OwnerKind.Sign } => widestNotASign,
                { Kind: OwnerKind.Cue, Index: var cue } when IsSwallowable((CueKind)cue) => widest,
                _ => default(PhraseMatch?), // "thoughts of" still blocks the fall in "thoughts of dropping her"; "temperature" in "running a temperature" still reads 102 as one
            };
            if (container is not { } outer || !Contains(outer, match))
            {
                kept.Add(match);
            }

            if (match.End > widest.End)
            {
                widest = match;
            }

            if (match.Owner is { Kind: OwnerKind.Cue, Index: (int)CueKind.NotASign } && match.End > widestNotASign.End)
            {
                widestNotASign = match;
            }
        }

        return kept;
    }

    private static List<PhraseMatch> ShortestSignMatchPerStart(List<PhraseMatch> sortedByStartThenEnd)
    {
        var seen = new HashSet<(PhraseOwner, int)>();
        return sortedByStartThenEnd.FindAll(m => m.Owner.Kind != OwnerKind.Sign || seen.Add((m.Owner, m.Start)));
    }

    private static bool IsSwallowable(CueKind cue) => cue is CueKind.Negation or CueKind.NegationAfter or CueKind.NegationStop
        or CueKind.ClauseBreak or CueKind.PseudoNegation or CueKind.HypotheticalQuestion;

    private static bool Contains(PhraseMatch outer, PhraseMatch inner) =>
        outer.End >= inner.End && (outer.Start < inner.Start || outer.End > inner.End);

    private sealed record Finding(string Id, SafetyTier Tier, SafetyCategory Category, string Signal, int Position)
    {
        public bool IsFever => Id == SafetyRuleSet.FeverId;
    }
}
