using System.Text.Json;
using SleepBot.Discord.Models;

namespace SleepBot.Discord.Gateway;

/// <summary>What one dispatch (op 0) means to the bot.</summary>
/// <param name="Event">The event to hand to the bot; null for events it does not use, or could not read.</param>
/// <param name="Problem">Why the dispatch could not be read; null if it could (or was of no interest).</param>
/// <param name="Session">READY's session to resume later.</param>
internal sealed record GatewayDispatch(DiscordEvent? Event, string? Problem = null, GatewaySessionStart? Session = null)
{
    private static readonly GatewayDispatch Ignored = new(Event: null);

    /// <summary>
    /// Reads a dispatch's data into the event the bot acts on. Never throws: whatever shape the data has, the
    /// result is a well-formed event (no null author, content or lists) or nothing, with the reason.
    /// </summary>
    public static GatewayDispatch Read(string? eventName, JsonElement data)
    {
        if (eventName is not ("READY" or "MESSAGE_CREATE" or "INTERACTION_CREATE"))
            return Ignored;
        if (data.ValueKind != JsonValueKind.Object)
            return Unreadable($"its data is a JSON {data.ValueKind}, not an object");
        try
        {
            return eventName switch
            {
                "READY" => ReadReady(data),
                "MESSAGE_CREATE" => ReadMessage(data),
                _ => ReadInteraction(data),
            };
        }
        catch (JsonException e)
        {
            return Unreadable(e.Message);
        }
    }

    private static GatewayDispatch ReadReady(JsonElement data)
    {
        var ready = data.Deserialize<ReadyPayload>(DiscordJson.Options);
        if (ready?.User is not { } user || ready.Application is not { } application)
            return Unreadable("READY has no user or application");
        if (string.IsNullOrEmpty(ready.SessionId)
            || !Uri.TryCreate(ready.ResumeGatewayUrl, UriKind.Absolute, out var resumeUrl)
            || resumeUrl.Scheme is not ("ws" or "wss"))
            return Unreadable("READY has no session id or no ws(s) resume_gateway_url");
        return new GatewayDispatch(new ReadyEvent(Complete(user), application.Id), Session: new GatewaySessionStart(ready.SessionId, resumeUrl));
    }

    private static GatewayDispatch ReadMessage(JsonElement data)
    {
        var message = data.Deserialize<DiscordMessage>(DiscordJson.Options);
        return message?.Author is null
            ? Unreadable("MESSAGE_CREATE has no author")
            : new GatewayDispatch(new MessageCreatedEvent(Complete(message)));
    }

    private static GatewayDispatch ReadInteraction(JsonElement data)
    {
        var interaction = data.Deserialize<DiscordInteraction>(DiscordJson.Options);
        if (interaction is null)
            return Unreadable("INTERACTION_CREATE has no data");
        if (interaction.Message is { Author: null })
            return Unreadable("INTERACTION_CREATE carries a message without an author");
        return new GatewayDispatch(new InteractionCreatedEvent(interaction with
        {
            Token = interaction.Token ?? "",
            Data = interaction.Data is { } d ? Complete(d) : null,
            Member = interaction.Member is { } m ? Complete(m) : null,
            User = interaction.User is { } u ? Complete(u) : null,
            Message = interaction.Message is { } message ? Complete(message) : null,
        }));
    }

    // JSON null overrides the models' non-null defaults; the bot relies on those, so they are restored here.
    private static DiscordMessage Complete(DiscordMessage m) => m with
    {
        Author = Complete(m.Author),
        Member = m.Member is { } member ? Complete(member) : null,
        Content = m.Content ?? "",
        Mentions = [.. (m.Mentions ?? []).Where(u => u is not null).Select(Complete)],
        MentionRoles = m.MentionRoles ?? [],
    };

    private static DiscordUser Complete(DiscordUser u) => u with { Username = u.Username ?? "" };

    private static GuildMember Complete(GuildMember m) => m with
    {
        User = m.User is { } user ? Complete(user) : null,
        Roles = m.Roles ?? [],
    };

    private static InteractionData Complete(InteractionData d) => d with { Options = Complete(d.Options) };

    private static IReadOnlyList<InteractionOption> Complete(IReadOnlyList<InteractionOption>? options) =>
        [.. (options ?? []).Where(o => o is not null).Select(o => o with { Name = o.Name ?? "", Options = Complete(o.Options) })];

    private static GatewayDispatch Unreadable(string problem) => new(Event: null, Problem: problem);

    private sealed record ReadyPayload(string? SessionId, string? ResumeGatewayUrl, DiscordUser? User, ReadyApplication? Application);

    private sealed record ReadyApplication(ulong Id);
}

/// <summary>A new gateway session, from READY: what a later connection resumes.</summary>
internal sealed record GatewaySessionStart(string SessionId, Uri ResumeUrl);
