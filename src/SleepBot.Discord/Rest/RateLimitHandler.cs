using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SleepBot.Discord.Models;

namespace SleepBot.Discord.Rest;

/// <summary>
/// Sends each request inside its rate-limit bucket and, on a 429, waits <c>retry_after</c> (pausing every
/// request when the limit is global) and sends it again. A 429 means Discord did not act on the request,
/// so resending cannot duplicate anything.
/// </summary>
internal sealed partial class RateLimitHandler(RestRateLimiter limiter, ILogger<RateLimitHandler> logger) : DelegatingHandler
{
    private const int MaxRateLimitedAttempts = 5;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(DiscordRoute.OptionKey, out var route))
            throw new InvalidOperationException("Discord requests must carry a DiscordRoute.");

        for (var attempt = 1; ; attempt++)
        {
            var bucket = await limiter.AcquireAsync(route, cancellationToken).ConfigureAwait(false);
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                limiter.Update(route, bucket, response);
                if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    return response;

                var (retryAfter, global) = await ReadRateLimitAsync(response, cancellationToken).ConfigureAwait(false);
                if (global)
                    limiter.PauseAll(retryAfter);
                else
                    bucket.Exhaust(retryAfter);
                LogRateLimited(logger, route.Template, global, retryAfter.TotalSeconds, attempt);
            }
            finally
            {
                bucket.Release();
            }

            if (attempt == MaxRateLimitedAttempts)
                return response;
            response.Dispose();
        }
    }

    private static async Task<(TimeSpan RetryAfter, bool Global)> ReadRateLimitAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var global = string.Equals(RestRateLimiter.Header(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
            || RestRateLimiter.Header(response, "X-RateLimit-Scope") == "global";
        double? retryAfter = null;
        try
        {
            var body = await response.Content.ReadFromJsonAsync<RateLimitBody>(DiscordJson.Options, ct).ConfigureAwait(false);
            retryAfter = body?.RetryAfter;
            global |= body?.Global == true;
        }
        catch (JsonException)
        {
            // Cloudflare answers 429 with HTML; the headers still say how long to wait.
        }

        if (retryAfter is null
            && double.TryParse(RestRateLimiter.Header(response, "Retry-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var header))
        {
            retryAfter = header;
        }

        return (TimeSpan.FromSeconds(Math.Max(retryAfter ?? 1, 0)), global);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate-limited {Route} (global: {Global}); retrying in {RetryAfterSeconds:0.###} s (attempt {Attempt})")]
    private static partial void LogRateLimited(ILogger logger, string route, bool global, double retryAfterSeconds, int attempt);
}
