using Microsoft.Extensions.Options;

namespace SleepBot.Discord;

internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Token))
            failures.Add("Discord:Token is required to run on Discord");
        else if (options.Token.Any(char.IsWhiteSpace))
            failures.Add("Discord:Token must be the bare bot token, without spaces or a \"Bot \" prefix");

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
            failures.Add("Discord:ApiBaseUrl must be an absolute http(s) URL");

        if (options.GuildIds.Contains(0UL))
            failures.Add("Discord:GuildIds must hold guild ids (snowflakes), not 0");
        if (options.HelpChannelIds.Contains(0UL))
            failures.Add("Discord:HelpChannelIds must hold channel ids (snowflakes), not 0");
        if (options.ModeratorChannelId == 0UL)
            failures.Add("Discord:ModeratorChannelId must be a channel id (snowflake) or empty");
        if (options.ModeratorRoleIds.Contains(0UL))
            failures.Add("Discord:ModeratorRoleIds must hold role ids (snowflakes), not 0");

        if (options.RequestTimeout <= TimeSpan.Zero)
            failures.Add("Discord:RequestTimeout must be positive");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
