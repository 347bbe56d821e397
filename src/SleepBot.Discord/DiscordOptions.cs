namespace SleepBot.Discord;

/// <summary>Settings of the <c>Discord</c> configuration section.</summary>
/// <remarks>A class, not a record, so that <see cref="object.ToString"/> never prints the token.</remarks>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    /// <summary>The bot token from the Developer Portal. Never logged.</summary>
    public string Token { get; set; } = "";

    /// <summary>REST base URL; the gateway URL is read from <c>GET /gateway/bot</c> on it.</summary>
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Guilds whose slash commands are registered at start.</summary>
    public List<ulong> GuildIds { get; set; } = [];

    /// <summary>Channels in which every human message is answered.</summary>
    public List<ulong> HelpChannelIds { get; set; } = [];

    /// <summary>Channel that receives flagged replies for review, if any.</summary>
    public ulong? ModeratorChannelId { get; set; }

    /// <summary>Roles allowed to moderate; pinged on flagged replies.</summary>
    public List<ulong> ModeratorRoleIds { get; set; } = [];

    /// <summary>Time one REST attempt may take before it is abandoned and retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    internal Uri ApiBaseUri => new(ApiBaseUrl.TrimEnd('/') + "/");
}
