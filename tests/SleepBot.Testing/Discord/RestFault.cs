using System.Text.RegularExpressions;

namespace SleepBot.Testing.Discord;

public enum RestFaultKind
{
    /// <summary>429 for the route's bucket; the request is not acted on.</summary>
    RateLimited,

    /// <summary>429 with the global flag; every request must pause.</summary>
    GlobalRateLimited,

    /// <summary>A 5xx; the request is not acted on.</summary>
    ServerError,

    /// <summary>The request is acted on, but the response comes late (after <see cref="RestFault.Delay"/>, or when the client gives up).</summary>
    SlowResponse,
}

/// <summary>A scripted failure for the next <see cref="Times"/> requests matching <see cref="Route"/>.</summary>
/// <param name="Route">Method and path below the API base, <c>*</c> for one segment: <c>POST /channels/*/messages</c>.</param>
public sealed record RestFault(string Route, RestFaultKind Kind)
{
    public int Times { get; init; } = 1;
    public double RetryAfterSeconds { get; init; } = 1;
    public int Status { get; init; } = 500;
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(30);

    internal int Remaining;

    private Regex? _regex;

    internal bool Matches(string method, string path)
    {
        _regex ??= new Regex("^" + Regex.Escape(Route).Replace(@"\*", "[^/]+", StringComparison.Ordinal) + "$");
        return _regex.IsMatch(method + " " + path);
    }

    public static RestFault RateLimit(string route, double retryAfterSeconds, int times = 1) =>
        new(route, RestFaultKind.RateLimited) { RetryAfterSeconds = retryAfterSeconds, Times = times };

    public static RestFault GlobalRateLimit(string route, double retryAfterSeconds) =>
        new(route, RestFaultKind.GlobalRateLimited) { RetryAfterSeconds = retryAfterSeconds };

    public static RestFault ServerError(string route, int status = 500, int times = 1) =>
        new(route, RestFaultKind.ServerError) { Status = status, Times = times };

    public static RestFault Slow(string route, TimeSpan delay, int times = 1) =>
        new(route, RestFaultKind.SlowResponse) { Delay = delay, Times = times };
}
