using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SleepBot.Moderation;

/// <summary>
/// Purges parents' messages from flags once they pass the retention period: at start, then every
/// <see cref="ModerationOptions.PurgeInterval"/>. A failed run is logged and retried at the next tick.
/// </summary>
public sealed partial class FlagTextPurger(
    SqliteFlagStore store,
    IOptions<ModerationOptions> options,
    TimeProvider time,
    ILogger<FlagTextPurger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        do
        {
            try
            {
                var purged = await store.PurgeExpiredTextAsync(stoppingToken);
                if (purged > 0)
                {
                    LogPurged(purged, options.Value.TextRetentionDays);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPurgeFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged the message text of {Count} flag(s) older than {Days} days")]
    private partial void LogPurged(int count, int days);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging expired flag text failed; retrying at the next interval")]
    private partial void LogPurgeFailed(Exception exception);
}
