namespace SleepBot.Discord;

/// <summary>
/// Discord refused the bot in a way that retrying cannot fix (bad token, bad intents, bad shard or version).
/// The client stops instead of reconnecting: a retry loop on a bad token risks a Cloudflare ban and a token reset.
/// </summary>
public sealed class DiscordFatalException : Exception
{
    public DiscordFatalException(int code, string message) : base(message) => Code = code;

    /// <summary>The gateway close code (4004, 4010–4014) or the HTTP status (401).</summary>
    public int Code { get; }

    internal static DiscordFatalException FromCloseCode(int code) => new(code, code switch
    {
        4004 => "Discord rejected the token (4004): check Discord:Token",
        4010 => "Discord rejected the shard (4010): the bot sent an invalid shard",
        4011 => "Discord requires sharding (4011): the bot is in too many guilds for one connection",
        4012 => "Discord rejected the gateway version (4012)",
        4013 => "Discord rejected the intents (4013): the intents value is invalid",
        4014 => "Discord refused a privileged intent (4014): enable MESSAGE CONTENT INTENT for the bot in the Developer Portal",
        _ => $"Discord closed the gateway with fatal code {code}",
    });

    internal static DiscordFatalException Unauthorized() =>
        new(401, "Discord rejected the token (HTTP 401): check Discord:Token");
}
