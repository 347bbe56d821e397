using System.Threading.Channels;
using SleepBot.Discord.Gateway;
using SleepBot.Discord.Models;
using SleepBot.Discord.Rest;

namespace SleepBot.Discord;

internal sealed class DiscordClient(DiscordGateway gateway, DiscordRestClient rest, WireWarmUp warmUp) : IDiscordClient
{
    // Unbounded: a slow consumer must not stall the receive loop, or heartbeat ACKs would go unread.
    private readonly Channel<DiscordEvent> _events = Channel.CreateUnbounded<DiscordEvent>(new UnboundedChannelOptions { SingleWriter = true });

    public ChannelReader<DiscordEvent> Events => _events.Reader;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await warmUp.RunAsync(cancellationToken).ConfigureAwait(false);
            await gateway.RunAsync(_events.Writer, cancellationToken).ConfigureAwait(false);
        }
        catch (DiscordFatalException e)
        {
            _events.Writer.TryComplete(e);
            throw;
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    public Task<DiscordMessage> CreateMessageAsync(ulong channelId, MessageCreate message, CancellationToken cancellationToken) =>
        rest.CreateMessageAsync(channelId, message, cancellationToken);

    public Task<DiscordMessage> EditMessageAsync(ulong channelId, ulong messageId, MessageEdit edit, CancellationToken cancellationToken) =>
        rest.EditMessageAsync(channelId, messageId, edit, cancellationToken);

    public Task<DiscordChannel> StartThreadAsync(ulong channelId, ulong messageId, string name, CancellationToken cancellationToken) =>
        rest.StartThreadAsync(channelId, messageId, name, cancellationToken);

    public Task<IReadOnlyList<DiscordMessage>> GetMessagesAsync(ulong channelId, int limit, CancellationToken cancellationToken) =>
        rest.GetMessagesAsync(channelId, limit, cancellationToken);

    public Task OverwriteGuildCommandsAsync(ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken) =>
        rest.OverwriteGuildCommandsAsync(applicationId, guildId, commands, cancellationToken);

    public Task RespondToInteractionAsync(DiscordInteraction interaction, InteractionResponse response, CancellationToken cancellationToken) =>
        rest.RespondToInteractionAsync(interaction, response, cancellationToken);

    public Task<DiscordMessage> EditOriginalResponseAsync(DiscordInteraction interaction, MessageEdit edit, CancellationToken cancellationToken) =>
        rest.EditOriginalResponseAsync(interaction, edit, cancellationToken);

    public Task<DiscordMessage> CreateFollowupAsync(DiscordInteraction interaction, InteractionMessage message, CancellationToken cancellationToken) =>
        rest.CreateFollowupAsync(interaction, message, cancellationToken);
}
