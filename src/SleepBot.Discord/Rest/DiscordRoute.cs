namespace SleepBot.Discord.Rest;

/// <summary>
/// The rate-limit identity of a request: Discord limits per route template and major parameter
/// (channel, guild, or webhook id plus token).
/// </summary>
/// <param name="Template">e.g. <c>POST /channels/{channel_id}/messages</c>; safe to log.</param>
/// <param name="MajorParameter">The major parameter's value; may hold an interaction token, so never logged.</param>
/// <param name="Retryable">Whether a retry after a timeout or 5xx cannot act twice.</param>
/// <param name="ExemptFromGlobalLimit">Interaction responses do not count toward the global limit.</param>
internal sealed record DiscordRoute(string Template, string MajorParameter, bool Retryable, bool ExemptFromGlobalLimit = false)
{
    public static readonly HttpRequestOptionsKey<DiscordRoute> OptionKey = new("SleepBot.Discord.Route");

    public override string ToString() => Template;
}
