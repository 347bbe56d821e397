using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SleepBot.Answering;
using SleepBot.Discord.Models;
using SleepBot.Knowledge;

namespace SleepBot.Discord.Moderation;

/// <summary>
/// Tells the moderators' channel when an edit breaks a knowledge or safety-rule file, so a broken edit is seen
/// even when nobody reads the logs. Each error is posted once, when it first appears; the bot meanwhile keeps
/// serving the last good version of the file.
/// </summary>
internal sealed partial class KnowledgeProblemReporter(
    IDiscordClient discord,
    KnowledgeStore knowledge,
    IOptions<DiscordOptions> options,
    ILogger<KnowledgeProblemReporter> logger) : BackgroundService
{
    private const int MaxListed = 10;

    // Only the newest snapshot matters: older ones are already superseded.
    private readonly Channel<KnowledgeSnapshot> _reloads = Channel.CreateBounded<KnowledgeSnapshot>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });

    private HashSet<string> _reported = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ModeratorChannelId is not { } channelId)
        {
            return;
        }

        knowledge.Reloaded += OnReloaded;
        try
        {
            await ReportAsync(channelId, knowledge.Current, stoppingToken);
            await foreach (var snapshot in _reloads.Reader.ReadAllAsync(stoppingToken))
            {
                await ReportAsync(channelId, snapshot, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            knowledge.Reloaded -= OnReloaded;
        }
    }

    private void OnReloaded(KnowledgeSnapshot snapshot) => _reloads.Writer.TryWrite(snapshot);

    private async Task ReportAsync(ulong channelId, KnowledgeSnapshot snapshot, CancellationToken cancellationToken)
    {
        var errors = snapshot.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
        var fresh = errors.Where(e => !_reported.Contains(e)).Order(StringComparer.Ordinal).ToList();
        _reported = errors;
        if (fresh.Count == 0)
        {
            return;
        }

        var listed = fresh.Take(MaxListed).Select(e => "• " + e);
        var more = fresh.Count > MaxListed ? $"\n…and {fresh.Count - MaxListed} more." : "";
        var content = "Knowledge problem after the latest edit. SleepBot keeps answering from the last good version of each file "
            + "until it is fixed (`knowledge lint` shows the details):\n" + string.Join('\n', listed) + more;
        try
        {
            await discord.CreateMessageAsync(channelId, new MessageCreate(ReplyText.Truncate(content, ReplyText.MaxLength)), cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or DiscordFatalException))
        {
            // The problems stay in the log; the next reload with new errors tries the channel again.
            LogPostFailed(ex, fresh.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the moderators' channel about {Count} knowledge problems")]
    private partial void LogPostFailed(Exception exception, int count);
}
