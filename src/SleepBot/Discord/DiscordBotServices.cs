using SleepBot.Discord.Moderation;

namespace SleepBot.Discord;

internal static class DiscordBotServices
{
    /// <summary>With a token the bot runs on Discord; without one, in the terminal.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{DiscordOptions.SectionName}:{nameof(DiscordOptions.Token)}"]);

    public static IServiceCollection AddDiscordBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDiscordClient(configuration);
        services.AddSingleton<HelpThreads>();
        services.AddSingleton<QuestionRateLimiter>();
        services.AddSingleton<DiscordResponder>();
        services.AddSingleton<ModeratorInteractions>();
        services.AddHostedService<ModeratorPostWorker>();
        services.AddHostedService<KnowledgeProblemReporter>();
        services.AddSingleton<DiscordBotWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscordBotWorker>());
        return services;
    }
}
