using System.Globalization;
using Microsoft.Extensions.Options;
using SleepBot.Answering;
using SleepBot.Discord.Models;

namespace SleepBot.Discord;

/// <summary>Answers one message or <c>/ask</c> through the pipeline and posts the reply where it belongs.</summary>
internal sealed partial class DiscordResponder(
    IDiscordClient discord,
    AnswerPipeline pipeline,
    HelpThreads threads,
    ILogger<DiscordResponder> logger)
{
    private const int HistoryMessages = 20;
    private const int QuotedQuestionLength = 200;

    public async Task AnswerMessageAsync(DiscordMessage message, ReplyPlacement placement, ulong botUserId, CancellationToken ct)
    {
        var text = MessageRouter.QuestionText(message.Content, botUserId);
        LogQuestion(message.Id, text);
        var history = placement == ReplyPlacement.InThread ? await ThreadHistoryAsync(message, botUserId, ct) : [];
        var reply = await pipeline.AnswerAsync(new Question(text) { History = history, Origin = Origin(message) }, ct);
        var content = ReplyText.Truncate(reply.Answer, ReplyText.MaxLength);

        var posted = placement == ReplyPlacement.NewThread
            ? await PostInNewThreadAsync(message, text, content, ct)
            : await discord.CreateMessageAsync(message.ChannelId, new MessageCreate(content) { ReplyToMessageId = message.Id }, ct);
        LogAnswered(message.Id, posted.ChannelId, placement, reply.Route, reply.Flagged);
    }

    public Task NotifyRateLimitedAsync(DiscordMessage message, CancellationToken ct) =>
        discord.CreateMessageAsync(message.ChannelId, new MessageCreate(QuestionRateLimiter.Notice) { ReplyToMessageId = message.Id }, ct);

    public async Task AnswerAskAsync(DiscordInteraction interaction, RateDecision decision, CancellationToken ct)
    {
        var question = interaction.GetStringOption(SlashCommands.QuestionOption)?.Trim();
        if (string.IsNullOrEmpty(question) || decision != RateDecision.Answer)
        {
            // Every interaction needs a response, or Discord shows "interaction failed"; these only the asker sees.
            var notice = string.IsNullOrEmpty(question) ? "Please type your question after /ask." : QuestionRateLimiter.Notice;
            await discord.RespondToInteractionAsync(interaction, InteractionResponse.Reply(new InteractionMessage { Content = notice, Ephemeral = true }), ct);
            return;
        }

        // Acknowledge within Discord's 3 s before any slow work; the answer replaces the "thinking…" message.
        await discord.RespondToInteractionAsync(interaction, InteractionResponse.Defer(), ct);
        LogQuestion(interaction.Id, question);
        var reply = await pipeline.AnswerAsync(new Question(question) { Origin = Origin(interaction) }, ct);
        await discord.EditOriginalResponseAsync(interaction, new MessageEdit { Content = WithQuotedQuestion(question, reply.Answer) }, ct);
        LogAnswered(interaction.Id, interaction.ChannelId ?? 0, ReplyPlacement.Reply, reply.Route, reply.Flagged);
    }

    private async Task<DiscordMessage> PostInNewThreadAsync(DiscordMessage question, string text, string content, CancellationToken ct)
    {
        ulong threadId;
        try
        {
            threadId = (await discord.StartThreadAsync(question.ChannelId, question.Id, MessageRouter.ThreadName(text), ct)).Id;
        }
        catch (DiscordHttpException e) when (e.DiscordCode == ThreadAlreadyExists)
        {
            // Someone (or an earlier attempt of ours) already opened it; a thread's id is its starter message's id.
            threadId = question.Id;
        }
        catch (DiscordHttpException e)
        {
            // No permission to create threads here: answer in the channel rather than not at all.
            LogThreadFailed(question.ChannelId, e.DiscordCode);
            return await discord.CreateMessageAsync(question.ChannelId, new MessageCreate(content) { ReplyToMessageId = question.Id }, ct);
        }

        threads.Add(threadId, text);
        return await discord.CreateMessageAsync(threadId, new MessageCreate(content), ct);
    }

    private const int ThreadAlreadyExists = 160004;

    /// <summary>The thread's earlier turns, oldest first, starting with the question that opened it.</summary>
    private async Task<IReadOnlyList<ConversationTurn>> ThreadHistoryAsync(DiscordMessage message, ulong botUserId, CancellationToken ct)
    {
        var turns = new List<ConversationTurn>();
        if (threads.TryGetQuestion(message.ChannelId, out var opening))
            turns.Add(new ConversationTurn(FromBot: false, opening));

        var recent = await discord.GetMessagesAsync(message.ChannelId, HistoryMessages, ct);
        turns.AddRange(recent
            .Where(m => m.Id < message.Id && m.Type is 0 or 19 && (m.Author.Id == botUserId || !m.Author.Bot))
            .OrderBy(m => m.Id)
            .Select(m => m.Author.Id == botUserId
                ? new ConversationTurn(FromBot: true, m.Content)
                : new ConversationTurn(FromBot: false, MessageRouter.QuestionText(m.Content, botUserId)))
            .Where(t => t.Text.Length > 0));
        return turns;
    }

    /// <summary>Others in the channel see the answer, not the command's text, so the answer opens with the question.</summary>
    private static string WithQuotedQuestion(string question, string answer)
    {
        var quoted = "> " + ReplyText.Truncate(question.ReplaceLineEndings(" "), QuotedQuestionLength);
        return ReplyText.Truncate(quoted + "\n\n" + answer, ReplyText.MaxLength);
    }

    private static MessageOrigin Origin(DiscordMessage message) =>
        new("discord", Id(message.GuildId), Id(message.ChannelId), Id(message.Id), Id(message.Author.Id));

    private static MessageOrigin Origin(DiscordInteraction interaction) =>
        new("discord", Id(interaction.GuildId), Id(interaction.ChannelId), Id(interaction.Id), Id(interaction.Invoker?.Id));

    private static string? Id(ulong? id) => id?.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Question {Id}: {Text}")]
    private partial void LogQuestion(ulong id, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered {Id} in channel {ChannelId} ({Placement}): route {Route}, flagged {Flagged}")]
    private partial void LogAnswered(ulong id, ulong channelId, ReplyPlacement placement, AnswerRoute route, bool flagged);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start a thread in channel {ChannelId} (Discord code {Code}); answered in the channel")]
    private partial void LogThreadFailed(ulong channelId, int? code);
}
