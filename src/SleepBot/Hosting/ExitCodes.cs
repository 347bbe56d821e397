namespace SleepBot.Hosting;

/// <summary>The contract's exit codes.</summary>
internal static class ExitCodes
{
    public const int Done = 0;
    public const int BadInput = 1;
    public const int Usage = 2;
    public const int Configuration = 3;
}
