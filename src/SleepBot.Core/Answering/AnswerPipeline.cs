using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SleepBot.Knowledge;
using SleepBot.Moderation;
using SleepBot.Retrieval;
using SleepBot.Safety;

namespace SleepBot.Answering;

/// <summary>
/// One message in, one reply out: the safety check first, then retrieval, then the answer.
/// Every channel (Discord, terminal chat, CLI) goes through here.
/// </summary>
public sealed partial class AnswerPipeline(
    KnowledgeStore knowledge,
    IAnswerWriter writer,
    IFlagSink flags,
    ICoverageLog coverage,
    IOptionsMonitor<RetrievalOptions> retrievalOptions,
    IOptionsMonitor<SafetyOptions> safetyOptions,
    TimeProvider time,
    ILogger<AnswerPipeline> logger,
    IKnowledgeSearch? search = null)
{
    // A follow-up this short ("and naps?") is searched together with the parent's previous message.
    private const int ShortFollowUpWords = 6;

    public async Task<BotReply> AnswerAsync(Question question, CancellationToken cancellationToken)
    {
        var snapshot = knowledge.Current;
        var contacts = safetyOptions.CurrentValue.Contacts;

        var verdict = snapshot.Safety.Check(question.Text);
        if (verdict.Distress)
        {
            return await ProfessionalHelpAsync(question, verdict, snapshot, contacts, cancellationToken);
        }

        var options = retrievalOptions.CurrentValue;
        var hits = search is null
            ? snapshot.Index.Search(SearchText(question), options.MaxSources + 1)
            : await search.SearchAsync(SearchText(question), options.MaxSources + 1, snapshot, cancellationToken);
        var best = hits.Count > 0 ? hits[0].Score : 0;
        if (best < options.WeakScore && !question.Rehearsal)
        {
            await RecordGapAsync(question.Text, best, cancellationToken);
        }

        if (best < options.MinScore)
        {
            return new BotReply { Route = AnswerRoute.NoMatch, Answer = NoMatchReply.For(contacts), Safety = verdict, Sources = [] };
        }

        var relevant = hits.Where(h => h.Score >= options.MinScore && h.Rank >= hits[0].Rank * 0.75).Take(options.MaxSources).ToList();
        var draft = await writer.WriteAsync(question, relevant, snapshot, cancellationToken);
        return new BotReply
        {
            Route = AnswerRoute.Answer,
            Answer = draft.Text,
            Safety = verdict,
            Sources = [.. draft.UsedHits.Select(h => Source(h.Entry, h.Score))],
        };
    }

    private async Task<BotReply> ProfessionalHelpAsync(
        Question question, SafetyVerdict verdict, KnowledgeSnapshot snapshot, RegionContacts contacts, CancellationToken cancellationToken)
    {
        var (text, entry) = ProfessionalHelpReply.For(verdict.Tier, snapshot, contacts);
        if (entry is null)
        {
            LogMissingHelpText(verdict.Tier);
        }

        return new BotReply
        {
            Route = AnswerRoute.ProfessionalHelp,
            Answer = text,
            Safety = verdict,
            Sources = entry is null ? [] : [Source(entry, 1.0)],
            Flagged = question.Rehearsal || await TryFlagAsync(new FlaggedReply(question, verdict, text, time.GetUtcNow()), cancellationToken),
        };
    }

    /// <summary>
    /// Stores the flag before the caller sends the reply, so a crash in between never loses it. If the store
    /// fails (disk full, database locked) the parent still gets the professional-help reply: the number to call
    /// matters more than the review, and the failure is logged as critical for the operator.
    /// </summary>
    private async Task<bool> TryFlagAsync(FlaggedReply flag, CancellationToken cancellationToken)
    {
        try
        {
            await flags.FlagAsync(flag, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFlagFailed(ex, flag.Verdict.Tier, string.Join("; ", flag.Verdict.Signals));
            return false;
        }
    }

    private async Task RecordGapAsync(string text, double bestScore, CancellationToken cancellationToken)
    {
        try
        {
            await coverage.RecordAsync(text, bestScore, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The consultant's report is a nice-to-have; the parent's answer is not.
            CoverageLogMessages.RecordFailed(logger, ex);
        }
    }

    private static string SearchText(Question question)
    {
        var previous = question.History.LastOrDefault(t => !t.FromBot);
        return previous is not null && WordCount(question.Text) <= ShortFollowUpWords
            ? question.Text + " " + previous.Text
            : question.Text;
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static SourceRef Source(KnowledgeEntry entry, double score) =>
        new(entry.Id, entry.Title, entry.Topic, entry.Articles, score);

    [LoggerMessage(Level = LogLevel.Error, Message = "No professional-help text for tier {Tier} in the knowledge folder; sent the built-in fallback")]
    private partial void LogMissingHelpText(SafetyTier tier);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not store the flag for a {Tier} professional-help reply (signals: {Signals}); the reply is sent unflagged and needs a moderator's attention")]
    private partial void LogFlagFailed(Exception exception, SafetyTier tier, string signals);
}
