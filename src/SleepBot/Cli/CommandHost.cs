using SleepBot.Hosting;

namespace SleepBot.Cli;

/// <summary>Runs a verb against the same services as the bot, without starting the worker.</summary>
internal static class CommandHost
{
    public static Task<int> RunAsync(Func<IServiceProvider, Task<int>> verb) =>
        RunAsync(_ => { }, verb);

    public static async Task<int> RunAsync(Action<IServiceCollection> configure, Func<IServiceProvider, Task<int>> verb)
    {
        var builder = SleepBotHost.CreateBuilder(forCommand: true);
        configure(builder.Services);
        using var host = builder.Build();
        var exitCode = ExitCodes.Done;
        var configured = await SleepBotHost.RunReportingConfigurationErrors(async () =>
        {
            SleepBotHost.ValidateOptions(host.Services);
            exitCode = await verb(host.Services);
        });
        return configured == ExitCodes.Configuration ? configured : exitCode;
    }
}
