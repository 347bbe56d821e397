using System.Net;

namespace SleepBot.Discord;

/// <summary>A REST request that Discord answered with an error that retrying will not fix.</summary>
public sealed class DiscordHttpException(HttpStatusCode status, int? discordCode, string route, string? discordMessage)
    : Exception($"Discord answered {(int)status} to {route}{(discordCode is { } c ? $" (code {c}: {discordMessage})" : "")}")
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>Discord's JSON error code, e.g. 10008 unknown message, 40060 already acknowledged.</summary>
    public int? DiscordCode { get; } = discordCode;
}
