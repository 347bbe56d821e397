using System.Net;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using Polly.Timeout;
using SleepBot.Discord;
using SleepBot.Discord.Gateway;
using SleepBot.Discord.Rest;

namespace Microsoft.Extensions.DependencyInjection;

public static class DiscordServiceCollectionExtensions
{
    private const string ProjectUrl = "https://github.com/sleepbot/sleepbot";

    /// <summary>
    /// Registers <see cref="IDiscordClient"/>, bound to the <c>Discord</c> section and validated at start.
    /// </summary>
    public static IServiceCollection AddDiscordClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscordOptions>()
            .Bind(configuration.GetSection(DiscordOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RestRateLimiter>();
        services.TryAddTransient<RateLimitHandler>();
        services.TryAddSingleton<DiscordGateway>();
        services.TryAddSingleton<DiscordRestClient>();
        services.TryAddSingleton<WireWarmUp>();
        services.TryAddSingleton<IDiscordClient, DiscordClient>();

        services.AddHttpClient(DiscordRestClient.HttpClientName, (sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<DiscordOptions>>().Value;
                http.BaseAddress = options.ApiBaseUri;
                http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bot " + options.Token);
                http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", $"DiscordBot ({ProjectUrl}, {Version})");
                // Each attempt has its own timeout below; rate-limit waits may legitimately take longer than one.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The factory's request logging puts the raw headers (the token) in its structured state even when it
            // redacts the message text; DiscordRestClient logs route and status itself.
            .RemoveAllLoggers()
            // Outermost: buckets and 429s. Inside it, retries of 5xx and timeouts, each attempt timed out separately.
            .AddHttpMessageHandler<RateLimitHandler>()
            .AddResilienceHandler("discord", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<DiscordOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(1),
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Context, args.Outcome)),
                });
                pipeline.AddTimeout(options.RequestTimeout);
                pipeline.ConfigureTelemetry(new TelemetryOptions
                {
                    LoggerFactory = context.ServiceProvider.GetRequiredService<ILoggerFactory>(),
                    // Otherwise every request logs twice at Information; retries and timeouts keep their Warning.
                    SeverityProvider = args => args.Event.Severity == ResilienceEventSeverity.Information ? ResilienceEventSeverity.Debug : args.Event.Severity,
                });
            });

        return services;
    }

    private static bool IsRetryable(ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        var transient = outcome.Exception is HttpRequestException or TimeoutRejectedException
            || outcome.Result?.StatusCode is >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout;
        return transient
            && context.GetRequestMessage()?.Options.TryGetValue(DiscordRoute.OptionKey, out var route) == true
            && route.Retryable;
    }

    private static string Version { get; } =
        typeof(DiscordClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0";
}
