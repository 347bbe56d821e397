using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using SleepBot.Discord.Models;
using SleepBot.Discord.Rest;

namespace SleepBot.Discord.Gateway;

/// <summary>
/// Keeps the bot connected: one <see cref="GatewayConnection"/> after another, resuming the session where
/// Discord allows it and identifying afresh where it does not, until cancelled or a fatal close code.
/// </summary>
internal sealed partial class DiscordGateway(
    DiscordRestClient rest,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordGateway> logger)
{
    // Discord allows one Identify per 5 s per max_concurrency slot.
    private static readonly TimeSpan IdentifySpacing = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    public async Task RunAsync(ChannelWriter<DiscordEvent> events, CancellationToken ct)
    {
        var gateway = await GetGatewayAsync(ct).ConfigureAwait(false);
        var gatewayUrl = WithQuery(gateway.Url);
        if (gateway.SessionStartLimit is { Remaining: 0 } limit)
        {
            LogIdentifyBudgetSpent(logger, limit.ResetAfter);
            await Task.Delay(TimeSpan.FromMilliseconds(limit.ResetAfter), time, ct).ConfigureAwait(false);
        }

        var session = new GatewaySession();
        var failures = 0;
        var delay = TimeSpan.Zero;
        DateTimeOffset? lastIdentify = null;
        while (true)
        {
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, time, ct).ConfigureAwait(false);

            var resuming = session.CanResume;
            if (!resuming && lastIdentify is { } last && last + IdentifySpacing - time.GetUtcNow() is var wait && wait > TimeSpan.Zero)
                await Task.Delay(wait, time, ct).ConfigureAwait(false);

            // Resume on the URL READY named, with the same query; a new session goes to the cached /gateway/bot URL.
            var url = resuming ? WithQuery(session.ResumeUrl!.ToString()) : gatewayUrl;
            var startedAt = time.GetUtcNow();

            using var connection = new GatewayConnection(session, options.Value.Token, events, time, logger);
            GatewayOutcome outcome;
            try
            {
                outcome = await connection.RunAsync(url, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException && !ct.IsCancellationRequested)
            {
                outcome = GatewayOutcome.Resume($"connect failed ({e.Message})", established: false);
            }

            if (outcome.Established && !resuming)
                lastIdentify = startedAt;
            failures = outcome.Established ? 0 : failures + 1;
            delay = outcome.Established ? outcome.Delay : Backoff(failures);
            if (outcome.NewSession)
                session.Reset();
            LogReconnecting(logger, outcome.Reason, outcome.NewSession ? "identify" : session.CanResume ? "resume" : "identify", delay.TotalMilliseconds);
        }
    }

    /// <summary>Bootstraps from <c>GET /gateway/bot</c>, waiting out outages; a rejected token (401) is fatal.</summary>
    private async Task<GatewayBotResponse> GetGatewayAsync(CancellationToken ct)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await rest.GetGatewayBotAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or DiscordHttpException { Status: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests }
                && !ct.IsCancellationRequested)
            {
                var delay = Backoff(failures);
                LogGatewayLookupFailed(logger, e.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, time, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>1 s, 2 s, 4 s … up to a minute, ±25 %, so a fleet of clients does not reconnect in step.</summary>
    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(1000 * Math.Pow(2, failures - 1), MaxBackoff.TotalMilliseconds) * (0.75 + 0.5 * Random.Shared.NextDouble()));

    private static Uri WithQuery(string url) => new UriBuilder(url) { Query = "v=10&encoding=json" }.Uri;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up the gateway URL ({Error}); retrying in {DelayMs:0} ms")]
    private static partial void LogGatewayLookupFailed(ILogger logger, string error, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord's identify budget is spent; waiting {ResetAfterMs} ms")]
    private static partial void LogIdentifyBudgetSpent(ILogger logger, long resetAfterMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway connection ended: {Reason}; next: {Next} in {DelayMs:0} ms")]
    private static partial void LogReconnecting(ILogger logger, string reason, string next, double delayMs);
}
