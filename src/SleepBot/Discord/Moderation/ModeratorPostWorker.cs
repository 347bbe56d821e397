using System.Globalization;
using Microsoft.Extensions.Options;
using SleepBot.Moderation;

namespace SleepBot.Discord.Moderation;

/// <summary>
/// Posts queued flags to <c>Discord:ModeratorChannelId</c>. A post that fails is retried with growing waits until
/// it lands; every attempt carries the row's nonce, and the posted message's id is recorded in the row, so each flag
/// is posted once. Also edits posts whose flag changed outside a click. Woken as soon as a flag is stored or decided;
/// otherwise it checks the queue every <see cref="PollInterval"/>.
/// </summary>
internal sealed partial class ModeratorPostWorker(
    IDiscordClient discord,
    SqliteFlagStore store,
    ModeratorPostQueue queue,
    ModeratorPostSignal signal,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<ModeratorPostWorker> logger) : BackgroundService
{
    private const int Batch = 10;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ModeratorChannelId is not { } channelId)
        {
            LogNoChannel();
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            try
            {
                var due = await queue.DueAsync(Batch, stoppingToken);
                foreach (var post in due)
                {
                    await PostAsync(channelId, post, stoppingToken);
                }

                var refreshes = await queue.RefreshesDueAsync(Batch, stoppingToken);
                var refreshed = 0;
                foreach (var refresh in refreshes)
                {
                    refreshed += await RefreshAsync(refresh, stoppingToken) ? 1 : 0;
                }

                // A full batch that went through means more may be waiting; anything else waits for news or a retry time.
                if (due.Count < Batch && (refreshes.Count < Batch || refreshed < refreshes.Count))
                {
                    await WaitAsync(wake, stoppingToken);
                }
            }
            catch (Exception e) when (e is not (OperationCanceledException or DiscordFatalException))
            {
                // The queue lives on disk; whatever failed here, the next round picks it up again.
                LogQueueFailed(e);
                await Task.Delay(FirstRetry, time, stoppingToken);
            }
        }
    }

    private async Task PostAsync(ulong channelId, PendingModeratorPost post, CancellationToken ct)
    {
        try
        {
            var flag = await store.GetAsync(post.FlagId, ct) ?? throw new InvalidOperationException($"Flag {post.FlagId} is queued but missing.");
            var message = await discord.CreateMessageAsync(channelId, ModeratorPost.Create(flag, options.Value.ModeratorRoleIds, post.Nonce), ct);
            await queue.MarkPostedAsync(post,
                new ModeratorPostLocation(channelId.ToString(CultureInfo.InvariantCulture), message.Id.ToString(CultureInfo.InvariantCulture)), ct);
            LogPosted(post.FlagId, message.Id);
        }
        catch (Exception e) when (e is not (OperationCanceledException or DiscordFatalException))
        {
            var wait = RetryWait(post.Attempts);
            LogPostFailed(post.FlagId, post.Attempts + 1, wait, e);
            await queue.MarkFailedAsync(post.FlagId, e.Message, time.GetUtcNow() + wait, ct);
        }
    }

    /// <summary>
    /// Edits a post to show its flag's current state (a decision taken by command or in the terminal, or purged text).
    /// A failed edit stays due and is tried again at the next round; a post that no longer exists is let go.
    /// </summary>
    private async Task<bool> RefreshAsync(ModeratorPostRefresh refresh, CancellationToken ct)
    {
        try
        {
            var flag = await store.GetAsync(refresh.FlagId, ct) ?? throw new InvalidOperationException($"Flag {refresh.FlagId} has a post but is missing.");
            await discord.EditMessageAsync(
                ulong.Parse(refresh.Location.ChannelId, CultureInfo.InvariantCulture), ulong.Parse(refresh.Location.MessageId, CultureInfo.InvariantCulture),
                ModeratorPost.Edited(flag), ct);
            await queue.MarkRefreshedAsync(refresh, ct);
            return true;
        }
        catch (DiscordHttpException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            LogPostGone(refresh.FlagId);
            await queue.MarkRefreshedAsync(refresh, ct);
            return true;
        }
        catch (Exception e) when (e is not (OperationCanceledException or DiscordFatalException))
        {
            LogRefreshFailed(refresh.FlagId, e);
            return false;
        }
    }

    /// <summary>Until the signal, the earliest retry, or the poll interval, whichever comes first.</summary>
    private async Task WaitAsync(Task wake, CancellationToken ct)
    {
        var next = await queue.NextDueAtAsync(ct);
        var wait = next is { } at ? at - time.GetUtcNow() : PollInterval;
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > PollInterval ? PollInterval : wait;
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAny(wake, Task.Delay(wait, time, stopWaiting.Token));
        await stopWaiting.CancelAsync();
    }

    private static TimeSpan RetryWait(int attempts)
    {
        var wait = FirstRetry * Math.Pow(2, Math.Min(attempts, 10));
        return wait > LongestRetry ? LongestRetry : wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord:ModeratorChannelId is not set: flags are stored (see flags list) but not posted to Discord")]
    private partial void LogNoChannel();

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the moderators' post queue failed; trying again shortly")]
    private partial void LogQueueFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted flag {FlagId} to the moderators' channel as message {MessageId}")]
    private partial void LogPosted(long flagId, ulong messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The post of flag {FlagId} no longer exists in the moderators' channel; not updating it")]
    private partial void LogPostGone(long flagId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Updating the post of flag {FlagId} failed; trying again at the next round")]
    private partial void LogRefreshFailed(long flagId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting flag {FlagId} failed (attempt {Attempt}); retrying in {Wait}")]
    private partial void LogPostFailed(long flagId, int attempt, TimeSpan wait, Exception exception);
}
