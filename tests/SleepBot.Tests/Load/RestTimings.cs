using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace SleepBot.Tests.Load;

/// <summary>
/// How long each of the bot's REST requests spent in its own rate limiting: one handler outside the client's
/// rate-limit handler notes when the bot asked, one inside (next to the socket) notes when each attempt really
/// left and when its answer came. The gaps are the bucket queue, waits for a bucket's reset, and 429 retry waits.
/// </summary>
internal sealed class RestTimings
{
    // The named HttpClient the Discord client registers (DiscordRestClient.HttpClientName).
    private const string DiscordHttpClient = "Discord";

    private readonly ConcurrentDictionary<HttpRequestMessage, RequestTiming> _byRequest = new();

    public IReadOnlyCollection<RequestTiming> Requests => [.. _byRequest.Values];

    public void AddTo(IServiceCollection services) =>
        services.Configure<HttpClientFactoryOptions>(DiscordHttpClient, options => options.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            builder.AdditionalHandlers.Insert(0, new AskedHandler(this));
            builder.AdditionalHandlers.Add(new SentHandler(this));
        }));

    private sealed class AskedHandler(RestTimings timings) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            timings._byRequest[request] = new RequestTiming(request.Method.Method, Path(request), body, TimeProvider.System.GetUtcNow());
            return await base.SendAsync(request, cancellationToken);
        }

        private static string Path(HttpRequestMessage request)
        {
            var path = request.RequestUri!.AbsolutePath;
            var api = path.IndexOf("/api/v10", StringComparison.Ordinal);
            return api >= 0 ? path[(api + "/api/v10".Length)..] : path;
        }
    }

    private sealed class SentHandler(RestTimings timings) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sent = TimeProvider.System.GetUtcNow();
            var response = await base.SendAsync(request, cancellationToken);
            if (timings._byRequest.TryGetValue(request, out var timing))
                timing.AddAttempt(sent, TimeProvider.System.GetUtcNow(), (int)response.StatusCode);
            return response;
        }
    }
}

internal sealed class RequestTiming(string method, string path, string body, DateTimeOffset asked)
{
    private readonly List<(DateTimeOffset Sent, DateTimeOffset Answered, int Status)> _attempts = [];

    public string Method { get; } = method;

    /// <summary>Below the API base, e.g. <c>/channels/1/messages</c>.</summary>
    public string Path { get; } = path;
    public string Body { get; } = body;
    public DateTimeOffset Asked { get; } = asked;

    /// <summary>Time the request waited on the client's rate limiting before each attempt left.</summary>
    public TimeSpan RateLimitWait
    {
        get
        {
            lock (_attempts)
            {
                var wait = TimeSpan.Zero;
                var ready = Asked;
                foreach (var (sent, answered, _) in _attempts)
                {
                    wait += sent - ready;
                    ready = answered;
                }
                return wait;
            }
        }
    }

    public void AddAttempt(DateTimeOffset sent, DateTimeOffset answered, int status)
    {
        lock (_attempts)
            _attempts.Add((sent, answered, status));
    }
}
