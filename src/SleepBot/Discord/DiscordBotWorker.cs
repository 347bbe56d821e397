using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SleepBot.Discord.Models;
using SleepBot.Discord.Moderation;

namespace SleepBot.Discord;

/// <summary>
/// The bot on Discord: keeps the gateway connected, registers <c>/ask</c>, and answers each message or command
/// that is for it exactly once. A fatal Discord error (bad token, refused intents) stops the application.
/// </summary>
internal sealed partial class DiscordBotWorker(
    IDiscordClient discord,
    DiscordResponder responder,
    ModeratorInteractions moderation,
    HelpThreads threads,
    QuestionRateLimiter rateLimiter,
    IOptions<DiscordOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<DiscordBotWorker> logger) : BackgroundService
{
    private const int RememberedIds = 10_000;

    private readonly RecentIds _seen = new(RememberedIds);
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private CancellationTokenSource? _stop;
    private DiscordUser? _bot;
    private bool _commandsRegistered;

    /// <summary>Why the bot stopped on its own, if it did; the host turns it into exit code 3.</summary>
    public DiscordFatalException? FatalError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _stop = stop;
        var handling = HandleEventsAsync(stop.Token);
        try
        {
            await discord.RunAsync(stop.Token);
        }
        catch (DiscordFatalException e)
        {
            Fail(e);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping.
        }

        await handling;
        await Task.WhenAll(_inFlight.Keys);
    }

    private async Task HandleEventsAsync(CancellationToken ct)
    {
        try
        {
            // Routing, de-duplication and the rate limit run here, in gateway order; answering runs concurrently.
            await foreach (var discordEvent in discord.Events.ReadAllAsync(CancellationToken.None))
            {
                switch (discordEvent)
                {
                    case ReadyEvent ready:
                        _bot = ready.User;
                        if (!_commandsRegistered)
                        {
                            _commandsRegistered = true;
                            Start(c => RegisterCommandsAsync(ready.ApplicationId, c), "command registration", ready.ApplicationId, ct);
                        }
                        break;
                    case MessageCreatedEvent { Message: var message } when _bot is not null:
                        Handle(message, _bot.Id, ct);
                        break;
                    case InteractionCreatedEvent { Interaction: var interaction } when IsAsk(interaction):
                        Handle(interaction, ct);
                        break;
                    case InteractionCreatedEvent { Interaction: var interaction } when ModeratorInteractions.Handles(interaction):
                        HandleModeration(interaction, ct);
                        break;
                }
            }
        }
        catch (DiscordFatalException)
        {
            // The event stream ends with the error RunAsync already reported.
        }
    }

    private void Handle(DiscordMessage message, ulong botUserId, CancellationToken ct)
    {
        var placement = MessageRouter.Place(message, botUserId, options.Value.HelpChannelIds, threads.TryGetQuestion(message.ChannelId, out _));
        if (placement == ReplyPlacement.Ignore)
            return;
        if (!_seen.TryAdd(message.Id))
        {
            LogDuplicate(message.Id);
            return;
        }

        switch (rateLimiter.Check(message.Author.Id))
        {
            case RateDecision.Answer:
                Start(c => responder.AnswerMessageAsync(message, placement, botUserId, c), "message", message.Id, ct);
                break;
            case RateDecision.Notify:
                LogRateLimited(message.Author.Id);
                Start(c => responder.NotifyRateLimitedAsync(message, c), "rate-limit notice", message.Id, ct);
                break;
            case RateDecision.Drop:
                LogDropped(message.Id, message.Author.Id);
                break;
        }
    }

    private void Handle(DiscordInteraction interaction, CancellationToken ct)
    {
        if (!_seen.TryAdd(interaction.Id))
        {
            LogDuplicate(interaction.Id);
            return;
        }
        var decision = interaction.Invoker is { } user ? rateLimiter.Check(user.Id) : RateDecision.Answer;
        Start(c => responder.AnswerAskAsync(interaction, decision, c), "/ask", interaction.Id, ct);
    }

    /// <summary>Moderators' clicks and /flags: not rate-limited like parents' questions, and checked for rights inside.</summary>
    private void HandleModeration(DiscordInteraction interaction, CancellationToken ct)
    {
        if (!_seen.TryAdd(interaction.Id))
        {
            LogDuplicate(interaction.Id);
            return;
        }
        Start(c => moderation.HandleAsync(interaction, c), "moderation", interaction.Id, ct);
    }

    private static bool IsAsk(DiscordInteraction interaction) =>
        interaction.Type == InteractionType.ApplicationCommand && interaction.Data?.Name == SlashCommands.Ask;

    private async Task RegisterCommandsAsync(ulong applicationId, CancellationToken ct)
    {
        foreach (var guildId in options.Value.GuildIds)
        {
            try
            {
                await discord.OverwriteGuildCommandsAsync(applicationId, guildId, SlashCommands.All, ct);
                LogCommandsRegistered(guildId);
            }
            catch (DiscordHttpException e)
            {
                // One guild that removed the bot must not keep /ask from the others.
                LogCommandsFailed(guildId, e);
            }
        }
    }

    private void Start(Func<CancellationToken, Task> work, string kind, ulong id, CancellationToken ct)
    {
        var task = RunAsync(work, kind, id, ct);
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunAsync(Func<CancellationToken, Task> work, string kind, ulong id, CancellationToken ct)
    {
        try
        {
            await Task.Yield();
            await work(ct);
        }
        catch (DiscordFatalException e)
        {
            Fail(e);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping; Discord redelivers nothing, so this reply is lost, as the log says.
            LogCancelled(kind, id);
        }
        catch (Exception e)
        {
            // At most this one reply is lost; the log says which.
            LogFailed(kind, id, e);
        }
    }

    private void Fail(DiscordFatalException error)
    {
        if (FatalError is not null)
            return;
        FatalError = error;
        LogFatal(error.Code, error.Message);
        _stop?.Cancel();
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping: {Reason} (code {Code})")]
    private partial void LogFatal(int code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered /ask in guild {GuildId}")]
    private partial void LogCommandsRegistered(ulong guildId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register /ask in guild {GuildId}")]
    private partial void LogCommandsFailed(ulong guildId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped {Id}: already answered")]
    private partial void LogDuplicate(ulong id);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} is asking too fast; sent the rate-limit notice")]
    private partial void LogRateLimited(ulong userId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped message {Id} from user {UserId}: over the rate limit, notice already sent")]
    private partial void LogDropped(ulong id, ulong userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped before the {Kind} reply to {Id} was sent")]
    private partial void LogCancelled(string kind, ulong id);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Kind} reply to {Id} failed and was not sent")]
    private partial void LogFailed(string kind, ulong id, Exception exception);
}
