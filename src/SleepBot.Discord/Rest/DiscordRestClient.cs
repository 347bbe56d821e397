using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SleepBot.Discord.Models;

namespace SleepBot.Discord.Rest;

/// <summary>Discord's REST API, one method per route the bot uses. Base address and auth come from the named client.</summary>
internal sealed partial class DiscordRestClient(IHttpClientFactory httpClients, ILogger<DiscordRestClient> logger)
{
    public const string HttpClientName = "Discord";
    public const int MaxContentLength = 2000;

    public async Task<GatewayBotResponse> GetGatewayBotAsync(CancellationToken ct) =>
        await SendAsync<GatewayBotResponse>(HttpMethod.Get, "gateway/bot", new("GET /gateway/bot", "", Retryable: true), null, ct).ConfigureAwait(false);

    public Task<DiscordMessage> CreateMessageAsync(ulong channelId, MessageCreate message, CancellationToken ct)
    {
        CheckContent(message.Content);
        // Retryable thanks to nonce + enforce_nonce: Discord answers a repeat with the message it already created.
        return SendAsync<DiscordMessage>(HttpMethod.Post, $"channels/{channelId}/messages",
            new("POST /channels/{channel_id}/messages", Id(channelId), Retryable: true), CreateMessageBody(message), ct);
    }

    public Task<DiscordMessage> EditMessageAsync(ulong channelId, ulong messageId, MessageEdit edit, CancellationToken ct)
    {
        CheckContent(edit.Content);
        return SendAsync<DiscordMessage>(HttpMethod.Patch, $"channels/{channelId}/messages/{messageId}",
            new("PATCH /channels/{channel_id}/messages/{message_id}", Id(channelId), Retryable: true),
            new EditMessagePayload(edit.Content, ComponentPayload.From(edit.Components), AllowedMentionsPayload.None), ct);
    }

    public Task<DiscordChannel> StartThreadAsync(ulong channelId, ulong messageId, string name, CancellationToken ct) =>
        // Not retried: a repeat after a lost response would fail with "thread already exists".
        SendAsync<DiscordChannel>(HttpMethod.Post, $"channels/{channelId}/messages/{messageId}/threads",
            new("POST /channels/{channel_id}/messages/{message_id}/threads", Id(channelId), Retryable: false),
            StartThreadBody(name), ct);

    public Task<IReadOnlyList<DiscordMessage>> GetMessagesAsync(ulong channelId, int limit, CancellationToken ct) =>
        SendAsync<IReadOnlyList<DiscordMessage>>(HttpMethod.Get,
            $"channels/{channelId}/messages?limit={Math.Clamp(limit, 1, 100).ToString(CultureInfo.InvariantCulture)}",
            new("GET /channels/{channel_id}/messages", Id(channelId), Retryable: true), null, ct);

    public Task<IReadOnlyList<JsonElement>> OverwriteGuildCommandsAsync(ulong applicationId, ulong guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken ct) =>
        SendAsync<IReadOnlyList<JsonElement>>(HttpMethod.Put, $"applications/{applicationId}/guilds/{guildId}/commands",
            new("PUT /applications/{application_id}/guilds/{guild_id}/commands", Id(guildId), Retryable: true), commands, ct);

    public Task RespondToInteractionAsync(DiscordInteraction interaction, InteractionResponse response, CancellationToken ct) =>
        // Never retried: a second callback after one that succeeded is rejected (40060), and the 3 s deadline leaves no time.
        SendAsync<JsonElement?>(HttpMethod.Post, $"interactions/{interaction.Id}/{interaction.Token}/callback",
            new("POST /interactions/{interaction_id}/{token}/callback", Id(interaction.Id), Retryable: false, ExemptFromGlobalLimit: true),
            new InteractionCallbackPayload((int)response.Type, response.Message is { } m ? InteractionMessagePayload.From(m) : null), ct);

    public Task<DiscordMessage> EditOriginalResponseAsync(DiscordInteraction interaction, MessageEdit edit, CancellationToken ct)
    {
        CheckContent(edit.Content);
        return SendAsync<DiscordMessage>(HttpMethod.Patch, $"webhooks/{interaction.ApplicationId}/{interaction.Token}/messages/@original",
            WebhookRoute("PATCH /webhooks/{application_id}/{token}/messages/@original", interaction, retryable: true),
            new EditMessagePayload(edit.Content, ComponentPayload.From(edit.Components), AllowedMentionsPayload.None), ct);
    }

    public Task<DiscordMessage> CreateFollowupAsync(DiscordInteraction interaction, InteractionMessage message, CancellationToken ct)
    {
        CheckContent(message.Content);
        // Webhook executions take no nonce, so a retry could post twice.
        return SendAsync<DiscordMessage>(HttpMethod.Post, $"webhooks/{interaction.ApplicationId}/{interaction.Token}",
            WebhookRoute("POST /webhooks/{application_id}/{token}", interaction, retryable: false),
            InteractionMessagePayload.From(message), ct);
    }

    /// <summary>
    /// Writes the bodies of a thread start and a reply and reads a channel and a message the way their responses
    /// are read, sending nothing: the serializer metadata and compiled code that every answer needs.
    /// </summary>
    public async Task WarmUpAsync(ReadOnlyMemory<byte> channelJson, ReadOnlyMemory<byte> messageJson, CancellationToken ct)
    {
        _ = Serialize(StartThreadBody("Warm-up"));
        _ = Serialize(CreateMessageBody(new MessageCreate("Warm-up") { ReplyToMessageId = 1 }));
        using var channel = new ReadOnlyMemoryContent(channelJson);
        _ = await ReadAsync<DiscordChannel>(channel, ct).ConfigureAwait(false);
        using var message = new ReadOnlyMemoryContent(messageJson);
        _ = await ReadAsync<DiscordMessage>(message, ct).ConfigureAwait(false);
    }

    private static CreateMessagePayload CreateMessageBody(MessageCreate message) =>
        new(message.Content, AllowedMentionsPayload.For(message.PingRoleIds), message.Nonce ?? NewNonce())
        {
            MessageReference = message.ReplyToMessageId is { } id ? new MessageReferencePayload(id) : null,
            Components = ComponentPayload.From(message.Components),
        };

    // Thread names are 1–100 characters.
    private static StartThreadPayload StartThreadBody(string name) =>
        new(string.IsNullOrWhiteSpace(name) ? "Question" : name.Length > 100 ? name[..99] + "…" : name, AutoArchiveDuration: 1440);

    private static byte[] Serialize(object body) => JsonSerializer.SerializeToUtf8Bytes(body, DiscordJson.Options);

    private static async Task<T?> ReadAsync<T>(HttpContent content, CancellationToken ct) =>
        await content.ReadFromJsonAsync<T>(DiscordJson.Options, ct).ConfigureAwait(false);

    private static DiscordRoute WebhookRoute(string template, DiscordInteraction interaction, bool retryable) =>
        new(template, Id(interaction.ApplicationId) + "/" + interaction.Token, retryable, ExemptFromGlobalLimit: true);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, DiscordRoute route, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Options.Set(DiscordRoute.OptionKey, route);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Serialize(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        // A client per request, so the factory can rotate handlers (and DNS) under a long-running bot.
        var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        LogResponse(logger, route.Template, (int)response.StatusCode);

        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw DiscordFatalException.Unauthorized();
        if (!response.IsSuccessStatusCode)
            throw await ErrorAsync(response, route, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
            return default!;
        return (await ReadAsync<T>(response.Content, ct).ConfigureAwait(false))!;
    }

    private static async Task<DiscordHttpException> ErrorAsync(HttpResponseMessage response, DiscordRoute route, CancellationToken ct)
    {
        DiscordErrorBody? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync<DiscordErrorBody>(DiscordJson.Options, ct).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // Not Discord's JSON (e.g. a proxy's error page): the status says enough.
        }
        return new DiscordHttpException(response.StatusCode, error?.Code, route.Template, error?.Message);
    }

    private static void CheckContent(string? content)
    {
        if (content?.Length > MaxContentLength)
            throw new ArgumentException($"Message content is {content.Length} characters; Discord accepts at most {MaxContentLength}.", nameof(content));
    }

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    // 24 characters: within Discord's 25-character nonce limit, and unguessable across restarts.
    private static string NewNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord answered {Status} to {Route}")]
    private static partial void LogResponse(ILogger logger, string route, int status);
}
