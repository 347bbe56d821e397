using Microsoft.Extensions.DependencyInjection;
using SleepBot.Answering;
using SleepBot.Knowledge;
using SleepBot.Tests.TestSupport;

namespace SleepBot.Core.Tests.Fuzz;

/// <summary>The real pipeline, wired as the host wires it, on the repository's knowledge folder and a temp database.</summary>
public sealed class ShippedPipeline : IDisposable
{
    private readonly ServiceProvider _services = TestServices.Build(RepoPaths.Knowledge);

    public ShippedPipeline()
    {
        Pipeline = _services.GetRequiredService<AnswerPipeline>();
        Store = _services.GetRequiredService<KnowledgeStore>();
    }

    public AnswerPipeline Pipeline { get; }

    public KnowledgeStore Store { get; }

    public BotReply Answer(Question question) => Pipeline.AnswerAsync(question, CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose() => _services.Dispose();
}
