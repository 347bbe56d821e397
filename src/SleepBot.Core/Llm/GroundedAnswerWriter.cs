using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Polly.Timeout;
using SleepBot.Answering;
using SleepBot.Knowledge;
using SleepBot.Retrieval;

namespace SleepBot.Llm;

/// <summary>
/// Asks the model for a conversational answer from the retrieved entries, and sends it only if it passes
/// <see cref="ReplyCheck"/> within the time budget. Anything else, the parent gets the extractive answer.
/// </summary>
public sealed partial class GroundedAnswerWriter(
    IChatCompletionService chat,
    IOptions<LlmOptions> options,
    LlmMetrics metrics,
    TimeProvider time,
    ILogger<GroundedAnswerWriter> logger) : IAnswerWriter
{
    public async Task<AnswerDraft> WriteAsync(Question question, IReadOnlyList<SearchHit> hits, KnowledgeSnapshot knowledge, CancellationToken cancellationToken)
    {
        string reply;
        // The resilience handler has its own total timeout; this one also covers reading the response body.
        using var deadline = new CancellationTokenSource(options.Value.ChatBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var message = await chat.GetChatMessageContentAsync(GroundedPrompt.Build(question, hits, knowledge.Safety), cancellationToken: linked.Token);
            reply = message.Content ?? "";
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong with the model (HTTP error, open circuit, timeout, bad JSON), the parent still gets an answer.
            var reason = deadline.IsCancellationRequested || ex is TimeoutRejectedException ? FallbackReason.Timeout : FallbackReason.Unavailable;
            LogCallFailed(ex, reason);
            return FallBack(reason, hits, knowledge);
        }

        var verdict = ReplyCheck.Check(reply, question, hits, knowledge);
        if (verdict.Draft is null)
        {
            LogReplyRejected(verdict.Reason!.Value, verdict.Detail);
            return FallBack(verdict.Reason.Value, hits, knowledge);
        }

        metrics.Accepted();
        return verdict.Draft;
    }

    private AnswerDraft FallBack(FallbackReason reason, IReadOnlyList<SearchHit> hits, KnowledgeSnapshot knowledge)
    {
        metrics.FellBack(reason);
        return ExtractiveAnswerWriter.Write(hits, knowledge.Articles);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model did not answer ({Reason}); sent the extractive answer")]
    private partial void LogCallFailed(Exception exception, FallbackReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model's reply was rejected ({Reason}: {Detail}); sent the extractive answer")]
    private partial void LogReplyRejected(FallbackReason reason, string detail);
}
