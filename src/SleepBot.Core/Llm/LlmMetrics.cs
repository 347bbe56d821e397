using System.Diagnostics.Metrics;

namespace SleepBot.Llm;

/// <summary>How often the model's reply reached the parent, and why it did not when it did not.</summary>
public sealed class LlmMetrics
{
    public const string MeterName = "SleepBot.Llm";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _fallbacks;

    public LlmMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("sleepbot.llm.replies", description: "Model replies sent to parents.");
        _fallbacks = meter.CreateCounter<long>("sleepbot.llm.fallbacks", description: "Extractive answers sent instead of the model's reply, by reason.");
    }

    public void Accepted() => _accepted.Add(1);

    public void FellBack(FallbackReason reason) => _fallbacks.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
}
