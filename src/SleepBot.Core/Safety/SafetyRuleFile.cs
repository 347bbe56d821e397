using System.Globalization;
using SleepBot.Knowledge;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SleepBot.Safety;

/// <summary>
/// One <c>knowledge/safety/*.yaml</c> file: signs, combinations of signs and cue word lists.
/// Parsed on its own so that hot reload can re-read a single file and keep the others.
/// </summary>
public sealed class SafetyRuleFile
{
    private static readonly string[] SignFields = ["id", "category", "tier", "young_tier", "newborn_tier", "toddler_tier", "signal", "phrases", "unless_before", "cleared_by"];
    private static readonly string[] ComboFields = ["id", "when", "with_other_sign", "under_weeks", "tier", "category", "signal"];

    private SafetyRuleFile(
        string path, List<SignRule> signs, List<ComboRule> combos, Dictionary<CueKind, List<string>> cues,
        Dictionary<string, IReadOnlyList<string>> words, List<(string Name, int Line)> wordListUses)
    {
        Path = path;
        Signs = signs;
        Combos = combos;
        Cues = cues;
        Words = words;
        WordListUses = wordListUses;
    }

    public string Path { get; }
    internal IReadOnlyList<SignRule> Signs { get; }
    internal IReadOnlyList<ComboRule> Combos { get; }
    internal IReadOnlyDictionary<CueKind, List<string>> Cues { get; }

    /// <summary>The <c>words:</c> lists this file defines, by name.</summary>
    internal IReadOnlyDictionary<string, IReadOnlyList<string>> Words { get; }

    /// <summary>Every <c>@name</c> a phrase of this file uses, with its line, to report names no file defines.</summary>
    internal IReadOnlyList<(string Name, int Line)> WordListUses { get; }

    /// <summary>
    /// Parses one YAML rule file. Adds every problem found; an entry with a problem is left out.
    /// Returns null if the file is unusable as a whole (not YAML, or not a set of sections).
    /// </summary>
    public static SafetyRuleFile? Parse(string relativePath, string yamlText, ICollection<KnowledgeProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(problems);

        var reader = new Reader(relativePath, problems);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException e)
        {
            reader.Error((int)e.Start.Line, "yaml", $"The file is not valid YAML here: {e.InnerException?.Message ?? e.Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18 throws this, without a position, on some unclosed [ ] lists.
            reader.Error(1, "yaml", "The file is not valid YAML: check that every [ has its ] and every quote is closed.");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            reader.Error(1, "empty-file", "The file is empty; it needs at least one of signs, combos or cues.");
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            reader.Error(Line(stream.Documents[0].RootNode), "yaml", "The file should be a list of sections (signs:, combos:, cues:, words:).");
            return null;
        }

        var signs = new List<SignRule>();
        var combos = new List<ComboRule>();
        var cues = new Dictionary<CueKind, List<string>>();
        var words = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in root.Children)
        {
            switch (Key(keyNode))
            {
                case "signs":
                    foreach (var item in reader.Items(value, "signs"))
                    {
                        if (reader.ReadSign(item) is { } sign)
                        {
                            signs.Add(sign);
                        }
                    }

                    break;
                case "combos":
                    foreach (var item in reader.Items(value, "combos"))
                    {
                        if (reader.ReadCombo(item) is { } combo)
                        {
                            combos.Add(combo);
                        }
                    }

                    break;
                case "cues":
                    reader.ReadCues(value, cues);
                    break;
                case "words":
                    reader.ReadWords(value, words);
                    break;
                default:
                    reader.Error(Line(keyNode), "unknown-field", $"Unknown section \"{Key(keyNode)}\"; use signs, combos, cues or words.");
                    break;
            }
        }

        // An entry with a problem is left out and reported; the rest of the file still protects parents.
        return new SafetyRuleFile(relativePath, signs, combos, cues, words, reader.WordListUses);
    }

    private static string Key(YamlNode node) => (node as YamlScalarNode)?.Value ?? "";

    private static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>Reads nodes and reports problems in words a consultant editing the file can act on.</summary>
    private sealed class Reader(string file, ICollection<KnowledgeProblem> problems)
    {
        private static readonly Dictionary<string, ClearedBy> ClearedByValues = SafetyNames.Of<ClearedBy>();
        private static readonly Dictionary<string, CueKind> CueKinds = SafetyNames.Of<CueKind>();

        public void Error(int line, string rule, string message) =>
            problems.Add(new KnowledgeProblem(file, line, ProblemSeverity.Error, rule, message));

        public IEnumerable<YamlMappingNode> Items(YamlNode node, string section)
        {
            if (node is not YamlSequenceNode list)
            {
                Error(Line(node), "yaml", $"\"{section}\" should be a list of entries, each starting with \"- id:\".");
                yield break;
            }

            foreach (var item in list)
            {
                if (item is YamlMappingNode entry)
                {
                    yield return entry;
                }
                else
                {
                    Error(Line(item), "yaml", $"Each entry under \"{section}\" should have fields like \"id:\" and \"tier:\".");
                }
            }
        }

        public SignRule? ReadSign(YamlMappingNode node)
        {
            var fields = Fields(node, SignFields, "sign");
            var id = Required(node, fields, "id");
            var category = ReadCategory(node, fields);
            var tier = ReadTier(node, fields, "tier", required: true);
            var youngTier = ReadTier(node, fields, "young_tier", required: false);
            var newbornTier = ReadTier(node, fields, "newborn_tier", required: false);
            var toddlerTier = ReadTier(node, fields, "toddler_tier", required: false);
            var phrases = ReadPhrases(node, fields, "phrases", required: true);
            var unlessBefore = ReadPhrases(node, fields, "unless_before", required: false);
            var clearedBy = ReadClearedBy(fields);
            if (id is null || category is null || tier is null || phrases is null || unlessBefore is null)
            {
                return null;
            }

            var signal = fields.TryGetValue("signal", out var s) ? Scalar(s, "signal") ?? id : id.Replace('_', ' ');
            return new SignRule(id, category.Value, tier.Value, youngTier, newbornTier, signal, phrases, unlessBefore, clearedBy, toddlerTier);
        }

        public ComboRule? ReadCombo(YamlMappingNode node)
        {
            var fields = Fields(node, ComboFields, "combo");
            var id = Required(node, fields, "id");
            var category = ReadCategory(node, fields);
            var tier = ReadTier(node, fields, "tier", required: true);
            List<string>? when = null;
            if (!fields.TryGetValue("when", out var whenNode))
            {
                Error(Line(node), "missing-field", "This combination needs \"when:\", the list of sign ids that must all be found.");
            }
            else
            {
                when = StringList(whenNode, "when");
                if (when is { Count: 0 })
                {
                    Error(Line(whenNode), "empty-pattern", "\"when:\" is empty; list the sign ids that must all be found.");
                    when = null;
                }
            }

            var withOther = fields.TryGetValue("with_other_sign", out var w) && ReadBool(w);
            double? underWeeks = null;
            if (fields.TryGetValue("under_weeks", out var u))
            {
                if (double.TryParse(Scalar(u, "under_weeks"), NumberStyles.Float, CultureInfo.InvariantCulture, out var weeks) && weeks > 0)
                {
                    underWeeks = weeks;
                }
                else
                {
                    Error(Line(u), "bad-value", "\"under_weeks:\" should be a number of weeks, e.g. 8.");
                }
            }

            if (id is null || category is null || tier is null || when is null)
            {
                return null;
            }

            var signal = fields.TryGetValue("signal", out var s) ? Scalar(s, "signal") ?? id : id.Replace('_', ' ');
            return new ComboRule(id, when, withOther, underWeeks, tier.Value, category.Value, signal, Line(node));
        }

        public List<(string Name, int Line)> WordListUses { get; } = [];

        public void ReadWords(YamlNode node, Dictionary<string, IReadOnlyList<string>> words)
        {
            if (node is not YamlMappingNode map)
            {
                Error(Line(node), "yaml", "\"words:\" should hold named word lists, e.g. \"vomit: [vomit*, threw up, sick up]\".");
                return;
            }

            foreach (var (keyNode, value) in map.Children)
            {
                var name = Key(keyNode);
                if (StringList(value, name) is not { } list)
                {
                    continue;
                }

                var items = value is YamlSequenceNode seq ? seq.Children : [value];
                var bad = list.FindIndex(entry => !WordLists.IsValidEntry(entry));
                if (list.Count == 0 || bad >= 0)
                {
                    var line = bad >= 0 ? Line(items[Math.Min(bad, items.Count - 1)]) : Line(value);
                    Error(line, "empty-pattern", $"The word list \"{name}\" needs entries of plain words (a * ending is fine); no braces, bars, gaps or @lists.");
                    continue;
                }

                if (!words.TryAdd(name, list))
                {
                    Error(Line(keyNode), "duplicate-id", $"The word list \"{name}\" is defined twice in this file.");
                }
            }
        }

        public void ReadCues(YamlNode node, Dictionary<CueKind, List<string>> cues)
        {
            if (node is not YamlMappingNode map)
            {
                Error(Line(node), "yaml", "\"cues:\" should hold named word lists, e.g. \"negation: [no, not]\".");
                return;
            }

            foreach (var (keyNode, value) in map.Children)
            {
                var name = Key(keyNode);
                if (!CueKinds.TryGetValue(name, out var kind))
                {
                    Error(Line(keyNode), "unknown-field", $"Unknown cue list \"{name}\"; known lists: {string.Join(", ", CueKinds.Keys)}.");
                    continue;
                }

                if (CheckedPhrases(value, name) is { } phrases)
                {
                    if (!cues.TryGetValue(kind, out var list))
                    {
                        cues[kind] = list = [];
                    }

                    list.AddRange(phrases);
                }
            }
        }

        private Dictionary<string, YamlNode> Fields(YamlMappingNode node, string[] known, string what)
        {
            var fields = new Dictionary<string, YamlNode>();
            foreach (var (keyNode, value) in node.Children)
            {
                var key = Key(keyNode);
                if (!known.Contains(key))
                {
                    Error(Line(keyNode), "unknown-field", $"Unknown field \"{key}\" in a {what}; known fields: {string.Join(", ", known)}.");
                }
                else if (!fields.TryAdd(key, value))
                {
                    Error(Line(keyNode), "duplicate-field", $"The field \"{key}\" appears twice in this {what}.");
                }
            }

            return fields;
        }

        private string? Required(YamlMappingNode node, Dictionary<string, YamlNode> fields, string name)
        {
            if (fields.TryGetValue(name, out var value) && Scalar(value, name) is { Length: > 0 } text)
            {
                return text;
            }

            Error(Line(node), "missing-field", $"This entry needs \"{name}:\".");
            return null;
        }

        private SafetyCategory? ReadCategory(YamlMappingNode entry, Dictionary<string, YamlNode> fields)
        {
            if (!fields.TryGetValue("category", out var node))
            {
                Error(Line(entry), "missing-field", $"This entry needs \"category:\" (one of {string.Join(", ", SafetyNames.Categories.Keys)}).");
                return null;
            }

            var text = Scalar(node, "category");
            if (text is not null && SafetyNames.Categories.TryGetValue(text, out var category))
            {
                return category;
            }

            Error(Line(node), "unknown-category", $"Unknown category \"{text}\"; use one of {string.Join(", ", SafetyNames.Categories.Keys)}.");
            return null;
        }

        /// <summary>An unknown value is reported and read as <c>time</c>, the safer choice: the sign stays counted.</summary>
        private ClearedBy ReadClearedBy(Dictionary<string, YamlNode> fields)
        {
            if (!fields.TryGetValue("cleared_by", out var node))
            {
                return ClearedBy.Any;
            }

            var text = Scalar(node, "cleared_by");
            if (text is null)
            {
                return ClearedBy.Time; // Scalar reported it
            }

            if (ClearedByValues.TryGetValue(text, out var value))
            {
                return value;
            }

            Error(Line(node), "bad-value",
                $"Unknown value \"{text}\" in \"cleared_by:\"; use any (fine now or last week clears the sign) or time (only last week, months ago clear it, e.g. a fall).");
            return ClearedBy.Time;
        }

        private SafetyTier? ReadTier(YamlMappingNode entry, Dictionary<string, YamlNode> fields, string name, bool required)
        {
            if (!fields.TryGetValue(name, out var node))
            {
                if (required)
                {
                    Error(Line(entry), "missing-field", $"This entry needs \"{name}:\" (one of {string.Join(", ", SafetyNames.Tiers.Keys)}).");
                }

                return null;
            }

            var text = Scalar(node, name);
            if (text is not null && SafetyNames.Tiers.TryGetValue(text, out var tier))
            {
                return tier;
            }

            Error(Line(node), "unknown-tier", $"Unknown tier \"{text}\" in \"{name}:\"; use one of {string.Join(", ", SafetyNames.Tiers.Keys)}.");
            return null;
        }

        private List<string>? ReadPhrases(YamlMappingNode entry, Dictionary<string, YamlNode> fields, string name, bool required)
        {
            if (fields.TryGetValue(name, out var node))
            {
                return CheckedPhrases(node, name);
            }

            if (required)
            {
                Error(Line(entry), "missing-field", $"This entry needs \"{name}:\", the words parents use for it.");
                return null;
            }

            return [];
        }

        private List<string>? CheckedPhrases(YamlNode node, string name)
        {
            if (StringList(node, name) is not { } phrases)
            {
                return null;
            }

            if (phrases.Count == 0)
            {
                Error(Line(node), "empty-pattern", $"\"{name}:\" has no phrases.");
                return null;
            }

            var items = node is YamlSequenceNode seq ? seq.Children : [node];
            var ok = true;
            for (var i = 0; i < phrases.Count; i++)
            {
                var line = Line(items[Math.Min(i, items.Count - 1)]);
                WordListUses.AddRange(WordLists.NamesIn(phrases[i]).Select(name => (name, line)));
                if (!PhrasePattern.TryParse(WordLists.Expand(phrases[i], WordLists.Placeholder)!, out _, out var error))
                {
                    Error(line, "empty-pattern", char.ToUpperInvariant(error![0]) + error[1..] + ".");
                    ok = false;
                }
            }

            return ok ? phrases : null;
        }

        private List<string>? StringList(YamlNode node, string name)
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } single })
            {
                return [single];
            }

            if (node is not YamlSequenceNode list)
            {
                Error(Line(node), "yaml", $"\"{name}:\" should be a list, e.g. [a, b] or lines starting with \"- \".");
                return null;
            }

            var result = new List<string>(list.Children.Count);
            foreach (var item in list)
            {
                if (item is YamlScalarNode { Value: { } text } && !string.IsNullOrWhiteSpace(text))
                {
                    result.Add(text);
                }
                else
                {
                    Error(Line(item), "empty-pattern", $"An item of \"{name}:\" is empty or not plain text.");
                    return null;
                }
            }

            return result;
        }

        private string? Scalar(YamlNode node, string name)
        {
            if (node is YamlScalarNode scalar)
            {
                return scalar.Value?.Trim();
            }

            Error(Line(node), "yaml", $"\"{name}:\" should be a single value.");
            return null;
        }

        private bool ReadBool(YamlNode node)
        {
            var text = Scalar(node, "with_other_sign");
            if (text is "true" or "false")
            {
                return text == "true";
            }

            Error(Line(node), "bad-value", "\"with_other_sign:\" should be true or false.");
            return false;
        }
    }
}
