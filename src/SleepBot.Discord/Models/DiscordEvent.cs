namespace SleepBot.Discord.Models;

/// <summary>A gateway event the bot acts on.</summary>
public abstract record DiscordEvent;

/// <summary>The session is ready: who the bot is and which application it belongs to.</summary>
public sealed record ReadyEvent(DiscordUser User, ulong ApplicationId) : DiscordEvent;

public sealed record MessageCreatedEvent(DiscordMessage Message) : DiscordEvent;

public sealed record InteractionCreatedEvent(DiscordInteraction Interaction) : DiscordEvent;
