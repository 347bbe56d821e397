using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using SleepBot.Answering;
using SleepBot.Llm;
using SleepBot.Tests.TestSupport;

namespace SleepBot.Tests.Llm;

/// <summary>The core services on the shipped knowledge, answering through <see cref="OpenAiStub"/>.</summary>
public sealed class LlmTestHost : IDisposable
{
    private LlmTestHost(ServiceProvider services, string cacheFolder)
    {
        Services = services;
        CacheFolder = cacheFolder;
        Fallbacks = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), LlmMetrics.MeterName, "sleepbot.llm.fallbacks");
        Replies = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), LlmMetrics.MeterName, "sleepbot.llm.replies");
    }

    public ServiceProvider Services { get; }

    public string CacheFolder { get; }

    public MetricCollector<long> Fallbacks { get; }

    public MetricCollector<long> Replies { get; }

    public AnswerPipeline Pipeline => Services.GetRequiredService<AnswerPipeline>();

    public IReadOnlyList<string> FallbackReasons => [.. Fallbacks.GetMeasurementSnapshot().Select(m => (string)m.Tags["reason"]!)];

    public static LlmTestHost Start(
        OpenAiStub stub,
        int timeoutSeconds = 30,
        string? embeddingModel = null,
        TimeProvider? time = null,
        string? cacheFolder = null,
        string? knowledgePath = null)
    {
        cacheFolder ??= Path.Combine(Path.GetTempPath(), "sleepbot-tests", "embeddings-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "OpenAICompatible",
            ["Llm:Endpoint"] = stub.BaseUrl,
            ["Llm:Model"] = "test-model",
            ["Llm:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Llm:EmbeddingModel"] = embeddingModel ?? "",
        };
        var services = TestServices.Build(knowledgePath ?? RepoPaths.Knowledge, settings, s =>
        {
            if (time is not null)
            {
                s.AddSingleton(time);
            }

            s.AddSingleton(new EmbeddingCache(cacheFolder, embeddingModel ?? ""));
        });
        return new LlmTestHost(services, cacheFolder);
    }

    public Task<BotReply> AskAsync(string text, IReadOnlyList<ConversationTurn>? history = null, CancellationToken cancellationToken = default) =>
        Pipeline.AnswerAsync(new Question(text) { History = history ?? [], Rehearsal = true }, cancellationToken);

    public void Dispose()
    {
        Fallbacks.Dispose();
        Replies.Dispose();
        Services.Dispose();
    }
}

/// <summary>A <see cref="FakeTimeProvider"/> that reports each timer it creates, so a test advances time only once a delay is waiting.</summary>
public sealed class ObservedTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until a timer due after exactly <paramref name="dueTime"/> exists.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await _timers.Reader.ReadAsync(patience.Token) != dueTime)
        {
        }
    }
}
