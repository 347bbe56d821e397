using SleepBot.Discord.Models;

namespace SleepBot.Discord.Rest;

// Wire shapes of what the client sends. Kept internal so that no caller can leave out allowed_mentions.

internal sealed record AllowedMentionsPayload(IReadOnlyList<string> Parse)
{
    public IReadOnlyList<ulong>? Roles { get; init; }
    public bool RepliedUser { get; init; }

    public static AllowedMentionsPayload For(IReadOnlyList<ulong> pingRoleIds) =>
        new([]) { Roles = pingRoleIds.Count > 0 ? pingRoleIds : null };

    public static AllowedMentionsPayload None { get; } = new([]);
}

internal sealed record MessageReferencePayload(ulong MessageId)
{
    // A reply to a deleted question still gets posted.
    public bool FailIfNotExists { get; init; }
}

internal sealed record ComponentPayload(int Type)
{
    public IReadOnlyList<ComponentPayload>? Components { get; init; }
    public int? Style { get; init; }
    public string? Label { get; init; }
    public string? CustomId { get; init; }
    public bool? Disabled { get; init; }

    public static IReadOnlyList<ComponentPayload>? From(IReadOnlyList<ActionRow>? rows) =>
        rows?.Select(row => new ComponentPayload(1)
        {
            Components = row.Buttons.Select(b => new ComponentPayload(2)
            {
                Style = (int)b.Style,
                Label = b.Label,
                CustomId = b.CustomId,
                Disabled = b.Disabled ? true : null,
            }).ToList(),
        }).ToList();
}

internal sealed record CreateMessagePayload(string Content, AllowedMentionsPayload AllowedMentions, string Nonce)
{
    public MessageReferencePayload? MessageReference { get; init; }
    public IReadOnlyList<ComponentPayload>? Components { get; init; }

    // With enforce_nonce Discord returns the first message again when the same nonce is posted twice,
    // which makes a retry after a lost response safe.
    public bool EnforceNonce => true;
}

internal sealed record EditMessagePayload(string? Content, IReadOnlyList<ComponentPayload>? Components, AllowedMentionsPayload AllowedMentions);

internal sealed record InteractionMessagePayload(string? Content, IReadOnlyList<ComponentPayload>? Components, AllowedMentionsPayload AllowedMentions)
{
    public int? Flags { get; init; }

    public const int EphemeralFlag = 1 << 6;

    public static InteractionMessagePayload From(InteractionMessage message) =>
        new(message.Content, ComponentPayload.From(message.Components), AllowedMentionsPayload.None)
        {
            Flags = message.Ephemeral ? EphemeralFlag : null,
        };
}

internal sealed record InteractionCallbackPayload(int Type, InteractionMessagePayload? Data);

internal sealed record StartThreadPayload(string Name, int AutoArchiveDuration);

internal sealed record GatewayBotResponse(string Url, SessionStartLimit? SessionStartLimit);

internal sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);

internal sealed record DiscordErrorBody(int? Code, string? Message);

internal sealed record RateLimitBody(double? RetryAfter, bool? Global);
