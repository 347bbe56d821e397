using System.Threading.Channels;
using SleepBot.Discord.Models;

namespace SleepBot.Discord;

/// <summary>
/// Everything the bot needs from Discord: the gateway's events and the REST calls it answers with.
/// A Discord library could stand behind this interface instead of the built-in client.
/// </summary>
public interface IDiscordClient
{
    /// <summary>
    /// READY, MESSAGE_CREATE and INTERACTION_CREATE, in gateway order, each once per session sequence.
    /// Completes when <see cref="RunAsync"/> ends (with its exception, if fatal).
    /// </summary>
    ChannelReader<DiscordEvent> Events { get; }

    /// <summary>
    /// Connects and stays connected (heartbeats, resumes, re-identifies) until cancelled.
    /// Throws <see cref="DiscordFatalException"/> when Discord refuses the bot for good (bad token or intents).
    /// </summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Posts a message. Safe against duplicates when retried (nonce + enforce_nonce). Pings nobody unless <see cref="MessageCreate.PingRoleIds"/> says so.</summary>
    Task<DiscordMessage> CreateMessageAsync(ulong channelId, MessageCreate message, CancellationToken cancellationToken);

    Task<DiscordMessage> EditMessageAsync(ulong channelId, ulong messageId, MessageEdit edit, CancellationToken cancellationToken);

    /// <summary>Starts a public thread from a message; the thread's id equals the message id.</summary>
    Task<DiscordChannel> StartThreadAsync(ulong channelId, ulong messageId, string name, CancellationToken cancellationToken);

    /// <summary>The channel's latest messages, newest first (at most 100).</summary>
    Task<IReadOnlyList<DiscordMessage>> GetMessagesAsync(ulong channelId, int limit, CancellationToken cancellationToken);

    /// <summary>Replaces all of a guild's commands with <paramref name="commands"/> (one PUT).</summary>
    Task OverwriteGuildCommandsAsync(ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken);

    /// <summary>The first answer to an interaction, due within 3 s. Never retried.</summary>
    Task RespondToInteractionAsync(DiscordInteraction interaction, InteractionResponse response, CancellationToken cancellationToken);

    /// <summary>Replaces the deferred "thinking…" response with the real answer.</summary>
    Task<DiscordMessage> EditOriginalResponseAsync(DiscordInteraction interaction, MessageEdit edit, CancellationToken cancellationToken);

    Task<DiscordMessage> CreateFollowupAsync(DiscordInteraction interaction, InteractionMessage message, CancellationToken cancellationToken);
}
