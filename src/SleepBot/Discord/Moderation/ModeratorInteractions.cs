using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using SleepBot.Discord.Models;
using SleepBot.Moderation;

namespace SleepBot.Discord.Moderation;

/// <summary>Clicks on the flag buttons and the <c>/flags</c> command, each checked for moderator rights first.</summary>
internal sealed partial class ModeratorInteractions(
    IDiscordClient discord,
    SqliteFlagStore store,
    IOptions<DiscordOptions> options,
    ILogger<ModeratorInteractions> logger)
{
    private const int ListedFlags = 20;

    public static bool Handles(DiscordInteraction interaction) =>
        FlagsSlashCommand.IsFlags(interaction)
        || (interaction.Type == InteractionType.MessageComponent && ModeratorPost.IsFlagButton(interaction.Data?.CustomId));

    public async Task HandleAsync(DiscordInteraction interaction, CancellationToken ct)
    {
        if (!ModeratorAccess.IsModerator(interaction.Member, options.Value.ModeratorRoleIds))
        {
            LogRefused(interaction.Invoker?.Id, interaction.Data?.CustomId ?? interaction.Data?.Name);
            await RespondPrivatelyAsync(interaction, ModeratorAccess.Refusal, ct);
            return;
        }

        if (interaction.Type == InteractionType.MessageComponent)
        {
            await ClickAsync(interaction, ct);
        }
        else
        {
            await CommandAsync(interaction, ct);
        }
    }

    private async Task ClickAsync(DiscordInteraction interaction, CancellationToken ct)
    {
        if (!ModeratorPost.TryParse(interaction.Data?.CustomId, out var decision, out var flagId))
        {
            await RespondPrivatelyAsync(interaction, "This button is not one SleepBot knows. Nothing was changed.", ct);
            return;
        }

        // Not deferred: the decision is one local SQLite write, far inside the 3 s, and UPDATE_MESSAGE must be the
        // first response for the click to edit the message in place.
        var result = await store.DecideAsync(flagId, decision, ModeratorId(interaction), note: null, ct, refreshPost: false);
        switch (result.Outcome)
        {
            case FlagActionOutcome.Applied:
                LogDecided(flagId, decision, interaction.Invoker?.Id);
                await discord.RespondToInteractionAsync(interaction, InteractionResponse.Update(ModeratorPost.Updated(result.Flag!)), ct);
                break;
            case FlagActionOutcome.Refused:
                await RespondPrivatelyAsync(interaction, Refusal(result.Flag!, decision), ct);
                break;
            default:
                await RespondPrivatelyAsync(interaction, $"Flag {flagId} does not exist. Nothing was changed.", ct);
                break;
        }
    }

    private async Task CommandAsync(DiscordInteraction interaction, CancellationToken ct)
    {
        // Acknowledge within Discord's 3 s before reading the database; the answer replaces the private "thinking…".
        await discord.RespondToInteractionAsync(interaction, InteractionResponse.Defer(ephemeral: true), ct);
        var (sub, id, note) = FlagsSlashCommand.Read(interaction);
        var answer = sub switch
        {
            FlagsSlashCommand.List => await ListAsync(ct),
            FlagsSlashCommand.Show when id is { } flagId => await ShowAsync(flagId, ct),
            FlagsSlashCommand.Resolve when id is { } flagId && !string.IsNullOrWhiteSpace(note) => await ResolveAsync(interaction, flagId, note, ct),
            _ => "Use /flags list, /flags show <id> or /flags resolve <id> <note>.",
        };
        await discord.EditOriginalResponseAsync(interaction, new MessageEdit { Content = Answering.ReplyText.Truncate(answer, Answering.ReplyText.MaxLength) }, ct);
    }

    private async Task<string> ListAsync(CancellationToken ct)
    {
        var open = (await store.ListAsync(FlagStatus.Open, ct)).Concat(await store.ListAsync(FlagStatus.Acknowledged, ct)).OrderBy(f => f.Id).ToList();
        if (open.Count == 0)
        {
            return "No flags waiting: every flagged reply has been resolved or marked a false alarm.";
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{open.Count} flag(s) waiting:");
        foreach (var flag in open.Take(ListedFlags))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\n#{flag.Id} · {FlagText.Name(flag.Verdict.Tier)} · {FlagText.Name(flag.Status)} · {FlagText.Categories(flag.Verdict)} · {FlagText.Time(flag.CreatedAt)}{(flag.MessageLink is { } link ? " · " + link : "")}");
        }

        if (open.Count > ListedFlags)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n…and {open.Count - ListedFlags} more (flags list in the terminal shows all).");
        }

        return text.ToString();
    }

    private async Task<string> ShowAsync(long flagId, CancellationToken ct) =>
        await store.GetAsync(flagId, ct) is { } flag
            ? ModeratorPost.Content(flag, [])
            : $"Flag {flagId} does not exist.";

    private async Task<string> ResolveAsync(DiscordInteraction interaction, long flagId, string note, CancellationToken ct)
    {
        var result = await store.DecideAsync(flagId, FlagDecision.Resolve, ModeratorId(interaction), note, ct);
        switch (result.Outcome)
        {
            case FlagActionOutcome.Applied:
                // The post in the moderators' channel is edited by the outbox, which the store has told.
                LogDecided(flagId, FlagDecision.Resolve, interaction.Invoker?.Id);
                return $"Flag {flagId} resolved: {note.Trim()}";
            case FlagActionOutcome.Refused:
                return Refusal(result.Flag!, FlagDecision.Resolve);
            default:
                return $"Flag {flagId} does not exist. Nothing was changed.";
        }
    }

    private static string Refusal(FlagRecord flag, FlagDecision decision) =>
        $"Flag {flag.Id} is already {FlagText.Name(flag.Status)} ({ModeratorPost.Describe(flag.LastDecision)}), so it cannot be {FlagText.Past(decision)} now. Nothing was changed.";

    private static string ModeratorId(DiscordInteraction interaction) =>
        interaction.Invoker?.Id.ToString(CultureInfo.InvariantCulture) ?? throw new InvalidOperationException("A guild interaction without a member.");

    private Task RespondPrivatelyAsync(DiscordInteraction interaction, string text, CancellationToken ct) =>
        discord.RespondToInteractionAsync(interaction, InteractionResponse.Reply(new InteractionMessage { Content = text, Ephemeral = true }), ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Action} from user {UserId}: not a moderator")]
    private partial void LogRefused(ulong? userId, string? action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Flag {FlagId}: {Decision} by user {UserId} in Discord")]
    private partial void LogDecided(long flagId, FlagDecision decision, ulong? userId);
}
