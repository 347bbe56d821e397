using SleepBot.Discord.Models;
using SleepBot.Discord.Moderation;

namespace SleepBot.Discord;

/// <summary>The bot's slash commands, registered per guild at start (one PUT replaces them all, so every command is listed here).</summary>
internal static class SlashCommands
{
    public const string Ask = "ask";
    public const string QuestionOption = "question";

    public static IReadOnlyList<ApplicationCommand> All { get; } =
    [
        new ApplicationCommand(Ask, "Ask SleepBot about your baby's crying and sleep")
        {
            Options =
            [
                new ApplicationCommandOption(ApplicationCommandOption.StringType, QuestionOption, "Your question, in your own words")
                {
                    Required = true,
                    MaxLength = 1500,
                },
            ],
        },
        FlagsSlashCommand.Definition,
    ];
}
