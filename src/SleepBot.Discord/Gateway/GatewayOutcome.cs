namespace SleepBot.Discord.Gateway;

/// <summary>How a gateway connection ended and what the next connection should do.</summary>
/// <param name="NewSession">Identify afresh instead of resuming.</param>
/// <param name="Delay">Wait before reconnecting (after op 9).</param>
/// <param name="Established">Hello arrived; a connection that never got that far counts as a connect failure.</param>
internal sealed record GatewayOutcome(string Reason, bool NewSession, TimeSpan Delay, bool Established)
{
    public static GatewayOutcome Resume(string reason, bool established = true) => new(reason, false, TimeSpan.Zero, established);

    public static GatewayOutcome Reidentify(string reason, TimeSpan delay = default) => new(reason, true, delay, true);

    /// <summary>Maps Discord's close codes: fatal codes throw, 4007/4009 need a new session, the rest resume.</summary>
    public static GatewayOutcome FromCloseCode(int? code, bool established)
    {
        switch (code)
        {
            case 4004 or (>= 4010 and <= 4014):
                throw DiscordFatalException.FromCloseCode(code.Value);
            case 4007:
                return Reidentify("invalid sequence (4007)");
            case 4009:
                return Reidentify("session timed out (4009)");
            case null:
                return Resume("connection dropped", established);
            default:
                return Resume($"closed with code {code}", established);
        }
    }
}
