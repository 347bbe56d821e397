namespace SleepBot.Discord.Gateway;

/// <summary>What survives a reconnect: the session to resume and the last sequence number seen.</summary>
internal sealed class GatewaySession
{
    private long _sequence = -1;

    public string? SessionId { get; private set; }
    public Uri? ResumeUrl { get; private set; }

    public bool CanResume => SessionId is not null && ResumeUrl is not null;

    /// <summary>The last dispatch's <c>s</c>, or null before the first; read by the heartbeat task.</summary>
    public long? Sequence => Interlocked.Read(ref _sequence) is var s and >= 0 ? s : null;

    /// <summary>Records a dispatch's sequence; false if it was already seen (a replay overlapping what arrived).</summary>
    public bool TryAdvance(long sequence)
    {
        if (sequence <= Interlocked.Read(ref _sequence))
            return false;
        Interlocked.Exchange(ref _sequence, sequence);
        return true;
    }

    public void Start(string sessionId, Uri resumeUrl)
    {
        SessionId = sessionId;
        ResumeUrl = resumeUrl;
    }

    public void Reset()
    {
        SessionId = null;
        ResumeUrl = null;
        Interlocked.Exchange(ref _sequence, -1);
    }
}
