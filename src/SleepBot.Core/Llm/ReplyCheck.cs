using System.Text.Json;
using System.Text.RegularExpressions;
using SleepBot.Answering;
using SleepBot.Knowledge;
using SleepBot.Retrieval;
using SleepBot.Safety;
using SleepBot.Text;

namespace SleepBot.Llm;

/// <summary>Why a model's reply was not sent; each is logged and counted.</summary>
public enum FallbackReason
{
    Timeout,
    Unavailable,
    Empty,
    NoCitation,
    UnknownSource,
    FlaggedBySafety,
    MedicalContent,
    PushOnInDistress,
    TooLong,
}

/// <summary>A model reply either accepted as the parent's answer or rejected with the reason.</summary>
public sealed record ReplyVerdict(AnswerDraft? Draft, FallbackReason? Reason, string Detail)
{
    public static ReplyVerdict Accept(AnswerDraft draft) => new(draft, null, "");

    public static ReplyVerdict Reject(FallbackReason reason, string detail) => new(null, reason, detail);
}

/// <summary>
/// The checks on the way out: a model reply is only sent when it cites entries it was given, says nothing the
/// safety rules or the medical word list object to, and fits one Discord message with the Sources line.
/// </summary>
public static partial class ReplyCheck
{
    private static readonly ReplyRules Rules = ReplyRules.Load();

    public static ReplyVerdict Check(string reply, Question question, IReadOnlyList<SearchHit> hits, KnowledgeSnapshot knowledge)
    {
        var (body, cited) = SplitCitation(WithoutReasoning(reply));
        if (body.Length == 0)
        {
            return ReplyVerdict.Reject(FallbackReason.Empty, "the reply has no text");
        }

        if (cited.Count == 0)
        {
            return ReplyVerdict.Reject(FallbackReason.NoCitation, "no [sources: …] line");
        }

        var unknown = cited.Where(id => hits.All(h => h.Entry.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            return ReplyVerdict.Reject(FallbackReason.UnknownSource, string.Join(", ", unknown));
        }

        // Passages about warning signs may themselves trip the checker; repeating them is grounded, going beyond them is not.
        var verdict = knowledge.Safety.Check(body);
        if (verdict.Distress && verdict.Tier > hits.Max(h => knowledge.Safety.Check(h.Entry.Text).Tier))
        {
            return ReplyVerdict.Reject(FallbackReason.FlaggedBySafety, string.Join("; ", verdict.Signals));
        }

        var normalizedBody = TextNormalizer.Normalize(body);
        var passages = TextNormalizer.Normalize(string.Join("\n", hits.Select(h => h.Entry.Text)));
        var medical = Rules.MedicalTerms.Where(t => t.Pattern.IsMatch(normalizedBody) && !t.Pattern.IsMatch(passages)).Select(t => t.Text)
            .Concat(Rules.Amount.Matches(normalizedBody).Select(m => m.Value).Where(amount => !passages.Contains(amount, StringComparison.Ordinal)))
            .ToList();
        if (medical.Count > 0)
        {
            return ReplyVerdict.Reject(FallbackReason.MedicalContent, string.Join(", ", medical));
        }

        if (ShowsDistress(question, knowledge.Safety) && Rules.PushOnPhrases.FirstOrDefault(p => p.Pattern.IsMatch(normalizedBody)) is { } pushOn)
        {
            return ReplyVerdict.Reject(FallbackReason.PushOnInDistress, pushOn.Text);
        }

        var used = hits.Where(h => cited.Contains(h.Entry.Id)).ToList();
        var text = body + "\n\n" + ReplyText.SourcesLine(used.Select(h => h.Entry), knowledge.Articles);
        return text.Length <= ReplyText.MaxLength
            ? ReplyVerdict.Accept(new AnswerDraft(text, used))
            : ReplyVerdict.Reject(FallbackReason.TooLong, $"{text.Length} characters with the Sources line");
    }

    /// <summary>Separates the closing <c>[sources: a, b]</c> line from the text the parent reads.</summary>
    /// <summary>
    /// Reasoning models put their working in &lt;think&gt; blocks; a parent never sees it. A block left open means the
    /// reply was cut off mid-thought, so nothing after it is an answer.
    /// </summary>
    internal static string WithoutReasoning(string reply)
    {
        var closed = ReasoningBlock().Replace(reply, "");
        var open = closed.IndexOf("<think", StringComparison.OrdinalIgnoreCase);
        return open < 0 ? closed : closed[..open];
    }

    internal static (string Body, IReadOnlySet<string> Cited) SplitCitation(string reply)
    {
        var trimmed = reply.Trim();
        var lastBreak = trimmed.LastIndexOf('\n');
        var lastLine = trimmed[(lastBreak + 1)..].Trim();
        var match = CitationLine().Match(lastLine);
        if (!match.Success)
        {
            return (trimmed, new HashSet<string>());
        }

        var ids = match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return (lastBreak < 0 ? "" : trimmed[..lastBreak].TrimEnd(), new HashSet<string>(ids, StringComparer.Ordinal));
    }

    // Below the distress threshold the checker may still have noticed something (a signal, or an earlier
    // message in the thread that was routed to help): then "keep going" is the wrong thing to say.
    private static bool ShowsDistress(Question question, SafetyChecker safety)
    {
        var now = safety.Check(question.Text);
        return now.Signals.Count > 0 || now.Categories.Count > 0
            || question.History.Any(t => !t.FromBot && safety.Check(t.Text).Distress);
    }

    [GeneratedRegex(@"^\[sources:\s*(?<ids>[^\]]*)\]$", RegexOptions.IgnoreCase)]
    private static partial Regex CitationLine();

    private sealed record ReplyRulesFile(string[] MedicalTerms, string AmountPattern, string[] PushOnPhrases);

    private sealed record Term(string Text, Regex Pattern);

    private sealed record ReplyRules(Term[] MedicalTerms, Regex Amount, Term[] PushOnPhrases)
    {
        public static ReplyRules Load()
        {
            var file = JsonSerializer.Deserialize<ReplyRulesFile>(
                EmbeddedText.Read("reply-rules.json"),
                new JsonSerializerOptions(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip })
                ?? throw new InvalidOperationException("reply-rules.json is empty.");
            return new ReplyRules(
                [.. file.MedicalTerms.Select(WordStart)],
                new Regex(file.AmountPattern, RegexOptions.CultureInvariant),
                [.. file.PushOnPhrases.Select(WordStart)]);
        }

        // Terms are matched in normalized (lower-case, plain apostrophe) text.
        private static Term WordStart(string term) =>
            new(term, new Regex($@"\b{Regex.Escape(TextNormalizer.Normalize(term))}", RegexOptions.CultureInvariant));
    }

    [GeneratedRegex(@"<(think|thinking)>.*?</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ReasoningBlock();
}
