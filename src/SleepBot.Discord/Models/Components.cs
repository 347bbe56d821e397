namespace SleepBot.Discord.Models;

public enum ButtonStyle
{
    Primary = 1,
    Secondary = 2,
    Success = 3,
    Danger = 4,
    Link = 5,
}

/// <summary>A row of up to five buttons.</summary>
public sealed record ActionRow(IReadOnlyList<Button> Buttons);

/// <summary>A button; <paramref name="CustomId"/> (1–100 chars) comes back in the click interaction.</summary>
public sealed record Button(ButtonStyle Style, string Label, string CustomId)
{
    public bool Disabled { get; init; }
}
