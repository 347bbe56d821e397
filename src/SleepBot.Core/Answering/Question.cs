namespace SleepBot.Answering;

/// <summary>A parent's message and what the bot knows about where it came from.</summary>
public sealed record Question(string Text)
{
    /// <summary>Earlier turns of the same conversation (a Discord thread), oldest first.</summary>
    public IReadOnlyList<ConversationTurn> History { get; init; } = [];

    public MessageOrigin? Origin { get; init; }

    /// <summary>Answered to measure the bot (the <c>eval</c> verb): nothing is flagged or logged for the consultant.</summary>
    public bool Rehearsal { get; init; }
}

public sealed record ConversationTurn(bool FromBot, string Text);

/// <param name="Channel">Where the message came in: <c>discord</c>, <c>terminal</c> or <c>cli</c>.</param>
public sealed record MessageOrigin(string Channel, string? GuildId = null, string? ChannelId = null, string? MessageId = null, string? AuthorId = null);
