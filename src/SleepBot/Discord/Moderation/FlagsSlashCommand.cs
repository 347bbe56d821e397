using System.Globalization;
using SleepBot.Discord.Models;

namespace SleepBot.Discord.Moderation;

/// <summary><c>/flags list|show|resolve</c>: the moderators' queue as a guild command.</summary>
internal static class FlagsSlashCommand
{
    public const string Name = "flags";
    public const string List = "list";
    public const string Show = "show";
    public const string Resolve = "resolve";
    private const string IdOption = "id";
    private const string NoteOption = "note";

    private static ApplicationCommandOption Id => new(ApplicationCommandOption.IntegerType, IdOption, "The flag's number") { Required = true };

    public static ApplicationCommand Definition { get; } = new(Name, "Review replies flagged for moderators")
    {
        // Hidden from members without MANAGE_MESSAGES; each use is still checked (admins can override the default).
        DefaultMemberPermissions = ModeratorAccess.ManageMessages.ToString(CultureInfo.InvariantCulture),
        Options =
        [
            new ApplicationCommandOption(ApplicationCommandOption.SubCommandType, List, "Flags not yet resolved, oldest first"),
            new ApplicationCommandOption(ApplicationCommandOption.SubCommandType, Show, "One flag: signals, reply and who did what") { Options = [Id] },
            new ApplicationCommandOption(ApplicationCommandOption.SubCommandType, Resolve, "Resolve a flag, saying what was done")
            {
                Options = [Id, new ApplicationCommandOption(ApplicationCommandOption.StringType, NoteOption, "What was done") { Required = true, MaxLength = 1000 }],
            },
        ],
    };

    public static bool IsFlags(DiscordInteraction interaction) =>
        interaction.Type == InteractionType.ApplicationCommand && interaction.Data?.Name == Name;

    /// <summary>The sub-command and its options, as sent.</summary>
    public static (string? SubCommand, long? Id, string? Note) Read(DiscordInteraction interaction)
    {
        var sub = interaction.Data?.Options.FirstOrDefault(o => o.Type == ApplicationCommandOption.SubCommandType);
        var id = sub?.Options.FirstOrDefault(o => o.Name == IdOption)?.Value is { ValueKind: System.Text.Json.JsonValueKind.Number } idValue && idValue.TryGetInt64(out var number)
            ? number
            : (long?)null;
        var note = sub?.Options.FirstOrDefault(o => o.Name == NoteOption)?.Value is { ValueKind: System.Text.Json.JsonValueKind.String } noteValue
            ? noteValue.GetString()
            : null;
        return (sub?.Name, id, note);
    }
}
