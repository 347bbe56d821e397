using SleepBot.Discord.Models;

namespace SleepBot.Discord.Moderation;

/// <summary>
/// Who may act on flags. Buttons are not permission-gated by Discord and <c>default_member_permissions</c> only
/// hides commands, so this is checked on every click and command.
/// </summary>
internal static class ModeratorAccess
{
    public const ulong ManageMessages = 1UL << 13;
    public const ulong Administrator = 1UL << 3;

    public static bool IsModerator(GuildMember? member, IReadOnlyCollection<ulong> moderatorRoleIds) =>
        member is not null
        && (member.Roles.Any(moderatorRoleIds.Contains) || ((member.Permissions ?? 0) & (ManageMessages | Administrator)) != 0);

    public const string Refusal = "Only moderators can act on flagged replies. Nothing was changed.";
}
