using SleepBot.Knowledge;

namespace SleepBot.Safety;

/// <summary>All safety rule files compiled into one phrase index; immutable, so one instance serves every thread.</summary>
public sealed class SafetyRuleSet
{
    /// <summary>The sign id the code treats as "a fever was mentioned": combinations may name it, and readings ≥ 38 °C add to it (R5, R6).</summary>
    internal const string FeverId = "fever";

    /// <summary>The sign id the code also sets when two clock times are 2+ hours apart ("since 7pm, now 10"), for the in-arms rule (§3.4).</summary>
    internal const string LongCryingId = "long_crying";

    /// <summary>The sign ids the code also sets from two weekdays ("since last Friday, today's Wednesday"): 4+ and 5+ days.</summary>
    internal const string MoreThanThreeDaysId = "more_than_3_days";
    internal const string FiveDaysOrMoreId = "days_5_plus";

    private SafetyRuleSet(SignRule[] signs, ComboRule[] combos, PhraseIndex index, Respellings respellings)
    {
        Signs = signs;
        Combos = combos;
        Index = index;
        Respellings = respellings;
    }

    public static SafetyRuleSet Empty { get; } = Combine([]);

    internal SignRule[] Signs { get; }
    internal ComboRule[] Combos { get; }
    internal PhraseIndex Index { get; }
    internal Respellings Respellings { get; }

    public static SafetyRuleSet Combine(IEnumerable<SafetyRuleFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var signs = new List<SignRule>();
        var combos = new List<ComboRule>();
        var phrases = new List<(PhrasePattern Pattern, PhraseOwner Owner)>();
        var ruleFiles = files.ToList();
        var words = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, list) in ruleFiles.SelectMany(f => f.Words))
        {
            words[name] = list;
        }

        IReadOnlyList<string>? ListNamed(string name) => words.GetValueOrDefault(name);
        foreach (var file in ruleFiles)
        {
            foreach (var sign in file.Signs)
            {
                AddPhrases(phrases, sign.Phrases, new PhraseOwner(OwnerKind.Sign, signs.Count), ListNamed);
                AddPhrases(phrases, sign.UnlessBefore, new PhraseOwner(OwnerKind.SignBlocker, signs.Count), ListNamed);
                signs.Add(sign);
            }

            combos.AddRange(file.Combos);
            foreach (var (kind, cues) in file.Cues)
            {
                AddPhrases(phrases, cues, new PhraseOwner(OwnerKind.Cue, (int)kind), ListNamed);
            }
        }

        var ruleWords = phrases.SelectMany(p => p.Pattern.Slots).SelectMany(slot => slot).SelectMany(alternative => alternative)
            .Where(token => token.Part == PatternPart.Word).Select(token => token.Text);
        return new SafetyRuleSet([.. signs], [.. combos], new PhraseIndex(phrases, GapBarriers(phrases)), new Respellings(ruleWords));
    }

    /// <summary>Reads every <c>*.yaml</c> in the folder, reporting file problems and combinations that name unknown signs and phrases that use unknown word lists.</summary>
    /// <param name="safetyDir">The <c>knowledge/safety</c> folder; problems name files relative to its parent, the knowledge folder.</param>
    public static SafetyRuleSet LoadDirectory(string safetyDir, ICollection<KnowledgeProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(safetyDir));
        var files = new List<SafetyRuleFile>();
        foreach (var path in Directory.EnumerateFiles(safetyDir, "*.yaml").Order(StringComparer.Ordinal))
        {
            var relative = $"{folderName}/{Path.GetFileName(path)}";
            if (SafetyRuleFile.Parse(relative, File.ReadAllText(path), problems) is { } file)
            {
                files.Add(file);
            }
        }

        ReportUnknownNames(files, problems);
        return Combine(files);
    }

    internal static void ReportUnknownNames(IReadOnlyList<SafetyRuleFile> files, ICollection<KnowledgeProblem> problems)
    {
        var lists = files.SelectMany(f => f.Words.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (name, line) in file.WordListUses.Where(use => !lists.Contains(use.Name)))
            {
                problems.Add(new KnowledgeProblem(file.Path, line, ProblemSeverity.Error, "unknown-words",
                    $"The phrase uses \"@{name}\", but no rule file has a word list \"{name}\" under \"words:\"."));
            }
        }

        // The code sets these itself (temperature readings, clock times, weekdays), so a combination may name them.
        string[] setByCode = [FeverId, LongCryingId, MoreThanThreeDaysId, FiveDaysOrMoreId];
        var known = files.SelectMany(f => f.Signs).Select(s => s.Id).Concat(setByCode).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var combo in file.Combos)
            {
                foreach (var id in combo.When.Where(id => !known.Contains(id)))
                {
                    problems.Add(new KnowledgeProblem(file.Path, combo.Line, ProblemSeverity.Error, "unknown-sign",
                        $"The combination \"{combo.Id}\" needs the sign \"{id}\", but no rule file defines a sign with that id."));
                }
            }
        }
    }

    /// <summary>The one-word negations and clause breaks ("no", "{isnt|wasnt}", "but"; not "apart from"), which a gap never skips.</summary>
    private static IEnumerable<string> GapBarriers(IEnumerable<(PhrasePattern Pattern, PhraseOwner Owner)> phrases) =>
        phrases
            .Where(p => p.Owner is { Kind: OwnerKind.Cue, Index: (int)CueKind.Negation or (int)CueKind.ClauseBreak } && p.Pattern.Slots is [_])
            .SelectMany(p => p.Pattern.Slots[0])
            .Where(alternative => alternative is [{ Part: PatternPart.Word }])
            .Select(alternative => alternative[0].Text);

    private static void AddPhrases(
        List<(PhrasePattern Pattern, PhraseOwner Owner)> target, IEnumerable<string> phrases, PhraseOwner owner, Func<string, IReadOnlyList<string>?> listNamed)
    {
        foreach (var phrase in phrases)
        {
            // Parse already reported phrases that do not compile, and the cross-file check unknown @lists; they are skipped here.
            if (WordLists.Expand(phrase, listNamed) is { } expanded && PhrasePattern.TryParse(expanded, out var pattern, out _))
            {
                target.Add((pattern!, owner));
            }
        }
    }
}
