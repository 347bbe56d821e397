using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SleepBot.Answering;
using SleepBot.Knowledge;
using SleepBot.Retrieval;

namespace SleepBot.Benchmarks;

/// <summary>
/// One message through the pipeline on the shipped knowledge, and its three stages apart. Every method answers the
/// whole question set (labelled and off-topic) and reports per message, so the mix of routes is the real one.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PipelineBenchmarks
{
    private const int QuestionCount = 197;

    private IHost _host = null!;
    private AnswerPipeline _pipeline = null!;
    private KnowledgeSnapshot _snapshot = null!;
    private Question[] _questions = null!;
    private IReadOnlyList<SearchHit>[] _hits = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = BenchmarkServices.Create(Repository.Knowledge);
        _pipeline = _host.Services.GetRequiredService<AnswerPipeline>();
        _snapshot = _host.Services.GetRequiredService<KnowledgeStore>().Current;
        _questions = [.. BenchmarkServices.AllQuestions().Select(q => new Question(q.Text) { Rehearsal = true })];
        if (_questions.Length != QuestionCount)
        {
            throw new InvalidOperationException($"The question sets hold {_questions.Length} questions; update {nameof(QuestionCount)} so per-message figures divide right.");
        }

        _hits = [.. _questions.Select(q => _snapshot.Index.Search(q.Text, 3))];
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = QuestionCount, Description = "pipeline (safety + retrieval + reply)")]
    public async Task<int> Pipeline()
    {
        var length = 0;
        foreach (var question in _questions)
        {
            length += (await _pipeline.AnswerAsync(question, CancellationToken.None)).Answer.Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = QuestionCount, Description = "safety check")]
    public int Safety()
    {
        var distress = 0;
        foreach (var question in _questions)
        {
            distress += _snapshot.Safety.Check(question.Text).Distress ? 1 : 0;
        }

        return distress;
    }

    [Benchmark(OperationsPerInvoke = QuestionCount, Description = "retrieval (top 3)")]
    public int Retrieval()
    {
        var found = 0;
        foreach (var question in _questions)
        {
            found += _snapshot.Index.Search(question.Text, 3).Count;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = QuestionCount, Description = "reply composition")]
    public int Compose()
    {
        var length = 0;
        foreach (var hits in _hits)
        {
            // Questions that found nothing get the no-match reply, which is built in the pipeline benchmark.
            length += hits.Count == 0 ? 0 : ExtractiveAnswerWriter.Write(hits, _snapshot.Articles).Text.Length;
        }

        return length;
    }
}
