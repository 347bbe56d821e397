using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SleepBot.Testing.Discord;

public sealed partial class DiscordSimulator
{
    private const int MaxContent = 2000;
    private static readonly Regex UserMention = new(@"<@!?(\d+)>");
    private static readonly Regex RoleMention = new(@"<@&(\d+)>");

    private readonly Dictionary<(ulong Channel, string Nonce), SimMessage> _nonces = [];

    /// <summary>Does what the request asks, as Discord would; returns status and JSON body.</summary>
    private async Task<(int Status, JsonNode? Body)> ExecuteAsync(RecordedRequest request, string? contentType)
    {
        JsonNode? body;
        try
        {
            body = request.Json;
        }
        catch (JsonException)
        {
            return Invalid("The request body contains invalid JSON.");
        }
        if (body is not null && contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            return Invalid("Content-Type must be application/json");

        Match m;
        var path = request.Path;
        switch (request.Method)
        {
            case "GET" when GatewayBot.IsMatch(path):
                return (200, new JsonObject
                {
                    ["url"] = new UriBuilder(BaseAddress) { Scheme = "ws", Path = "/gateway" }.Uri.ToString(),
                    ["shards"] = 1,
                    ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 14_400_000, ["max_concurrency"] = 1 },
                });
            case "POST" when (m = ChannelMessages.Match(path)).Success:
                return await CreateMessageAsync(Snowflake(m, 1), body as JsonObject).ConfigureAwait(false);
            case "GET" when (m = ChannelMessages.Match(path)).Success:
                return ListMessages(Snowflake(m, 1), request.Query);
            case "PATCH" when (m = ChannelMessage.Match(path)).Success:
                return EditMessage(FindMessage(Snowflake(m, 1), Snowflake(m, 2)), body as JsonObject);
            case "POST" when (m = MessageThreads.Match(path)).Success:
                return StartThread(Snowflake(m, 1), Snowflake(m, 2), body as JsonObject);
            case "PUT" when (m = GuildCommands.Match(path)).Success:
                return OverwriteCommands(Snowflake(m, 1), Snowflake(m, 2), body);
            case "POST" when (m = InteractionCallback.Match(path)).Success:
                return await RespondToInteractionAsync(Snowflake(m, 1), m.Groups[2].Value, body as JsonObject).ConfigureAwait(false);
            case "PATCH" when (m = OriginalResponse.Match(path)).Success:
                return EditOriginal(m.Groups[2].Value, body as JsonObject);
            case "POST" when (m = Followup.Match(path)).Success:
                return await CreateFollowupAsync(m.Groups[2].Value, body as JsonObject).ConfigureAwait(false);
            default:
                return (404, new JsonObject { ["message"] = "404: Not Found", ["code"] = 0 });
        }
    }

    private async Task<(int, JsonNode?)> CreateMessageAsync(ulong channelId, JsonObject? body)
    {
        if (body is null)
            return Invalid("Cannot send an empty message");
        var content = body["content"]?.GetValue<string>() ?? "";
        if (content.Length > MaxContent)
            return Invalid($"content: Must be {MaxContent} or fewer in length.");
        var nonce = body["nonce"]?.ToString();
        var replyTo = body["message_reference"]?["message_id"] is { } reference ? ulong.Parse(reference.ToString(), CultureInfo.InvariantCulture) : (ulong?)null;

        SimMessage message;
        lock (_lock)
        {
            if (nonce is not null && body["enforce_nonce"]?.GetValue<bool>() == true && _nonces.TryGetValue((channelId, nonce), out var existing))
                return (200, MessageJson(existing, BotUserJson()));

            var repliedAuthor = replyTo is { } r ? _messages.FirstOrDefault(x => x.Id == r)?.AuthorId : null;
            message = new SimMessage
            {
                Id = NextId(),
                ChannelId = channelId,
                GuildId = _channelGuilds.TryGetValue(channelId, out var guild) ? guild : GuildId,
                AuthorId = BotUserId,
                AuthorIsBot = true,
                Content = content,
                ReplyToMessageId = replyTo,
                Nonce = nonce,
                RequestBody = body,
                Components = body["components"]?.DeepClone().AsArray(),
                Timestamp = Time.GetUtcNow(),
                Pings = Pings(content, body["allowed_mentions"] as JsonObject, repliedAuthor),
            };
            _messages.Add(message);
            if (nonce is not null)
                _nonces[(channelId, nonce)] = message;
        }
        Changed();
        await EchoAsync(message).ConfigureAwait(false);
        return (200, MessageJson(message, BotUserJson()));
    }

    private async Task EchoAsync(SimMessage message)
    {
        bool live;
        lock (_lock)
            live = _currentSession is not null;
        if (EchoBotMessages && live && !message.Ephemeral)
            await DispatchAsync("MESSAGE_CREATE", MessageJson(message, BotUserJson())).ConfigureAwait(false);
    }

    private (int, JsonNode?) ListMessages(ulong channelId, string query)
    {
        var limitMatch = Regex.Match(query, @"limit=(\d+)");
        var limit = limitMatch.Success ? int.Parse(limitMatch.Groups[1].Value, CultureInfo.InvariantCulture) : 50;
        lock (_lock)
        {
            var messages = _messages.Where(x => x.ChannelId == channelId && !x.Ephemeral).OrderByDescending(x => x.Id).Take(limit)
                .Select(x => (JsonNode)MessageJson(x, x.AuthorId == BotUserId ? BotUserJson() : UserJson(x.AuthorId, UserName(x.AuthorId, x.AuthorIsBot), x.AuthorIsBot)));
            return (200, new JsonArray([.. messages]));
        }
    }

    private SimMessage? FindMessage(ulong channelId, ulong messageId)
    {
        lock (_lock)
            return _messages.FirstOrDefault(x => x.Id == messageId && x.ChannelId == channelId);
    }

    private (int, JsonNode?) EditMessage(SimMessage? message, JsonObject? body)
    {
        if (message is null)
            return (404, new JsonObject { ["message"] = "Unknown Message", ["code"] = 10008 });
        if (message.AuthorId != BotUserId)
            return (403, new JsonObject { ["message"] = "Cannot edit a message authored by another user", ["code"] = 50005 });
        if (body?["content"]?.GetValue<string>() is { Length: > MaxContent })
            return Invalid($"content: Must be {MaxContent} or fewer in length.");
        lock (_lock)
        {
            if (body?["content"]?.GetValue<string>() is { } content)
            {
                message.Content = content;
                message.Pings = Pings(content, body["allowed_mentions"] as JsonObject, null);
            }
            if (body?["components"] is JsonArray components)
                message.Components = components.DeepClone().AsArray();
            message.EditCount++;
        }
        Changed();
        return (200, MessageJson(message, BotUserJson()));
    }

    private (int, JsonNode?) StartThread(ulong channelId, ulong messageId, JsonObject? body)
    {
        var name = body?["name"]?.GetValue<string>();
        if (name is not { Length: >= 1 and <= 100 })
            return Invalid("name: Must be between 1 and 100 in length.");
        lock (_lock)
        {
            if (_threads.ContainsKey(messageId))
                return (400, new JsonObject { ["message"] = "A thread has already been created for this message", ["code"] = 160004 });
            if (!_messages.Any(x => x.Id == messageId && x.ChannelId == channelId))
                return (404, new JsonObject { ["message"] = "Unknown Message", ["code"] = 10008 });
            var guild = _channelGuilds.TryGetValue(channelId, out var g) ? g : GuildId;
            var thread = new SimThread(messageId, channelId, guild, name);
            _threads[messageId] = thread;
            _channelGuilds[messageId] = guild;
            Changed();
            return (201, new JsonObject
            {
                ["id"] = Id(thread.Id),
                ["type"] = 11,
                ["guild_id"] = guild is { } gid ? Id(gid) : null,
                ["parent_id"] = Id(channelId),
                ["name"] = name,
            });
        }
    }

    private (int, JsonNode?) OverwriteCommands(ulong applicationId, ulong guildId, JsonNode? body)
    {
        if (applicationId != ApplicationId)
            return (403, new JsonObject { ["message"] = "Missing Access", ["code"] = 50001 });
        if (body is not JsonArray commands)
            return Invalid("Expected an array of commands");
        foreach (var command in commands)
        {
            var name = command?["name"]?.GetValue<string>() ?? "";
            var description = command?["description"]?.GetValue<string>() ?? "";
            if (!Regex.IsMatch(name, @"^[-_\p{Ll}\p{N}]{1,32}$") || description.Length is < 1 or > 100)
                return Invalid($"Invalid command: {name}");
        }
        var result = new JsonArray();
        lock (_lock)
        {
            _commandRegistrations.Add(new CommandRegistration(applicationId, guildId, (JsonArray)commands.DeepClone(), Time.GetUtcNow()));
            foreach (var command in commands)
            {
                var registered = command!.DeepClone().AsObject();
                registered["id"] = Id(NextId());
                registered["application_id"] = Id(applicationId);
                registered["guild_id"] = Id(guildId);
                result.Add(registered);
            }
        }
        Changed();
        return (200, result);
    }

    private async Task<(int, JsonNode?)> RespondToInteractionAsync(ulong interactionId, string token, JsonObject? body)
    {
        SimMessage? created = null;
        lock (_lock)
        {
            if (!_interactions.TryGetValue(interactionId, out var interaction) || interaction.Token != token)
                return (404, new JsonObject { ["message"] = "Unknown interaction", ["code"] = 10062 });
            interaction.CallbackCount++;
            if (interaction.CallbackType is not null)
                return (400, new JsonObject { ["message"] = "Interaction has already been acknowledged.", ["code"] = 40060 });
            if (Time.GetUtcNow() - interaction.CreatedAt > InteractionDeadline)
                return (404, new JsonObject { ["message"] = "Unknown interaction", ["code"] = 10062 });
            var type = body?["type"]?.GetValue<int>() ?? 0;
            if (type is not (1 or 4 or 5 or 6 or 7 or 8 or 9))
                return Invalid("type: Value must be one of {1, 4, 5, 6, 7, 8, 9}.");
            interaction.CallbackType = type;
            interaction.CallbackData = body?["data"] as JsonObject;
            interaction.RespondedAt = Time.GetUtcNow();
            if (type is 4 or 5)
            {
                var data = body?["data"] as JsonObject;
                var content = data?["content"]?.GetValue<string>() ?? "";
                created = new SimMessage
                {
                    Id = NextId(),
                    ChannelId = interaction.ChannelId ?? 0,
                    GuildId = interaction.ChannelId is { } c && _channelGuilds.TryGetValue(c, out var g) ? g : GuildId,
                    AuthorId = BotUserId,
                    AuthorIsBot = true,
                    Content = content,
                    InteractionId = interactionId,
                    Ephemeral = ((data?["flags"]?.GetValue<int>() ?? 0) & 64) != 0,
                    RequestBody = data,
                    Components = data?["components"]?.DeepClone().AsArray(),
                    Timestamp = Time.GetUtcNow(),
                    Pings = Pings(content, data?["allowed_mentions"] as JsonObject ?? DefaultInteractionMentions(), null),
                };
                interaction.Original = created;
                _messages.Add(created);
            }
        }
        Changed();
        if (created is not null && created.Content.Length > 0)
            await EchoAsync(created).ConfigureAwait(false);
        return (204, null);
    }

    private (int, JsonNode?) EditOriginal(string token, JsonObject? body)
    {
        SimInteraction? interaction;
        lock (_lock)
            interaction = _interactions.Values.FirstOrDefault(i => i.Token == token);
        if (interaction is null)
            return (401, new JsonObject { ["message"] = "Invalid Webhook Token", ["code"] = 50027 });
        return EditMessage(interaction.Original, body);
    }

    private async Task<(int, JsonNode?)> CreateFollowupAsync(string token, JsonObject? body)
    {
        SimMessage message;
        lock (_lock)
        {
            var interaction = _interactions.Values.FirstOrDefault(i => i.Token == token);
            if (interaction is null)
                return (401, new JsonObject { ["message"] = "Invalid Webhook Token", ["code"] = 50027 });
            if (interaction.CallbackType is null)
                return (404, new JsonObject { ["message"] = "Unknown Webhook", ["code"] = 10015 });
            var content = body?["content"]?.GetValue<string>() ?? "";
            if (content.Length > MaxContent)
                return Invalid($"content: Must be {MaxContent} or fewer in length.");
            message = new SimMessage
            {
                Id = NextId(),
                ChannelId = interaction.ChannelId ?? 0,
                GuildId = GuildId,
                AuthorId = BotUserId,
                AuthorIsBot = true,
                Content = content,
                InteractionId = interaction.Id,
                Ephemeral = ((body?["flags"]?.GetValue<int>() ?? 0) & 64) != 0,
                RequestBody = body,
                Components = body?["components"]?.DeepClone().AsArray(),
                Timestamp = Time.GetUtcNow(),
                Pings = Pings(content, body?["allowed_mentions"] as JsonObject ?? DefaultInteractionMentions(), null),
            };
            interaction.Followups.Add(message);
            _messages.Add(message);
        }
        Changed();
        await EchoAsync(message).ConfigureAwait(false);
        return (200, MessageJson(message, BotUserJson()));
    }

    // Interaction responses and webhooks default to parsing user mentions only.
    private static JsonObject DefaultInteractionMentions() => new() { ["parse"] = new JsonArray("users") };

    /// <summary>Who Discord would notify. Without allowed_mentions a plain message pings users, roles and everyone.</summary>
    private static IReadOnlyList<string> Pings(string content, JsonObject? allowedMentions, ulong? repliedAuthor)
    {
        string[] parse = allowedMentions is null
            ? ["users", "roles", "everyone"]
            : [.. (allowedMentions["parse"] as JsonArray ?? []).Select(x => x!.GetValue<string>())];
        var users = (allowedMentions?["users"] as JsonArray ?? []).Select(x => x!.ToString()).ToHashSet();
        var roles = (allowedMentions?["roles"] as JsonArray ?? []).Select(x => x!.ToString()).ToHashSet();
        var pings = new List<string>();
        if ((content.Contains("@everyone", StringComparison.Ordinal) || content.Contains("@here", StringComparison.Ordinal)) && parse.Contains("everyone"))
            pings.Add("everyone");
        foreach (Match m in UserMention.Matches(content))
        {
            if (parse.Contains("users") || users.Contains(m.Groups[1].Value))
                pings.Add("user:" + m.Groups[1].Value);
        }
        foreach (Match m in RoleMention.Matches(content))
        {
            if (parse.Contains("roles") || roles.Contains(m.Groups[1].Value))
                pings.Add("role:" + m.Groups[1].Value);
        }
        var repliedUser = allowedMentions is null || allowedMentions["replied_user"]?.GetValue<bool>() == true;
        if (repliedAuthor is { } author && repliedUser)
            pings.Add("user:" + Id(author));
        return pings;
    }

    private static (int, JsonNode?) Invalid(string message) =>
        (400, new JsonObject { ["message"] = "Invalid Form Body", ["code"] = 50035, ["errors"] = new JsonObject { ["_errors"] = message } });

    private static ulong Snowflake(Match m, int group) => ulong.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
}
