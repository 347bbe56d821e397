using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace SleepBot.Llm;

/// <summary>
/// The model's HTTP pipeline, outermost first: a total timeout (the parent's wait), retries with jittered
/// backoff on 429/5xx honouring Retry-After, and a circuit breaker so an outage costs one quick fallback per
/// question instead of a full timeout each.
/// </summary>
public static partial class LlmResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, LlmOptions options, TimeProvider time, ILogger logger)
    {
        builder.TimeProvider = time;
        builder
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = options.Timeout })
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                ShouldRetryAfterHeader = true,
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, args.RetryDelay, (int?)args.Outcome.Result?.StatusCode, args.Outcome.Exception?.GetType().Name);
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                // Few messages an hour: judge on a handful of calls, and try again after half a minute.
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromMinutes(1),
                BreakDuration = TimeSpan.FromSeconds(30),
                OnOpened = args =>
                {
                    LogCircuitOpened(logger, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
            });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model call retry {Attempt} in {Delay} (status {StatusCode}, error {Error})")]
    private static partial void LogRetry(ILogger logger, int attempt, TimeSpan delay, int? statusCode, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model calls keep failing; answering extractively for {BreakDuration}")]
    private static partial void LogCircuitOpened(ILogger logger, TimeSpan breakDuration);
}
