using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SleepBot.Discord;
using SleepBot.Knowledge;

namespace SleepBot.Hosting;

/// <summary>Builds the Generic Host every mode shares: configuration, logging and the answering services.</summary>
internal static class SleepBotHost
{
    public static HostApplicationBuilder CreateBuilder(bool forCommand)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = ContentRoot.Locate(), Args = [] });
        AddUserSecretsBeforeEnvironment(builder.Configuration);

        // stdout carries answers and JSON; every log line goes to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.ColorBehavior = Console.IsErrorRedirected ? LoggerColorBehavior.Disabled : LoggerColorBehavior.Default;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (forCommand)
        {
            builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        }

        builder.Services.AddSleepBotCore(builder.Configuration);
        builder.Services.AddSingleton<IValidateOptions<KnowledgeOptions>, KnowledgeFolderExists>();
        return builder;
    }

    /// <summary>Runs the worker until Ctrl+C, SIGTERM, (terminal chat) the end of input, or a fatal Discord error.</summary>
    public static async Task<int> RunWorkerAsync()
    {
        var builder = CreateBuilder(forCommand: false);
        AddWorker(builder);
        using var host = builder.Build();
        DiscordBotWorker? discord = null;
        var exitCode = await RunReportingConfigurationErrors(() =>
        {
            discord = host.Services.GetService<DiscordBotWorker>();
            return host.RunAsync();
        });
        if (discord?.FatalError is { } fatal)
        {
            await Console.Error.WriteLineAsync($"Discord error: {fatal.Message}");
            return ExitCodes.Configuration;
        }

        return exitCode;
    }

    /// <summary>The bot on Discord when <c>Discord:Token</c> is set, otherwise the terminal chat.</summary>
    public static void AddWorker(HostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ThreadPoolOptions>().Bind(builder.Configuration.GetSection(ThreadPoolOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        // Hosted services start in this order and stop in reverse: the pool is sized before anything answers, start-up
        // garbage is collected after the rehearsal and before listening, and the coverage writer drains after the chat
        // or the Discord worker has answered its last.
        builder.Services.AddHostedService<ThreadPoolMinimum>();
        builder.Services.AddQueuedCoverageLog();
        builder.Services.AddHostedService<KnowledgeWatcher>();
        builder.Services.AddHostedService<PipelineWarmUp>();
        builder.Services.AddHostedService<StartupHeapCompaction>();
        if (DiscordBotServices.IsConfigured(builder.Configuration))
        {
            builder.Services.AddDiscordBot(builder.Configuration);
        }
        else
        {
            builder.Services.AddHostedService<TerminalChat>();
        }
    }

    /// <summary>Validates options the way host start does, for verbs that use services without starting the host.</summary>
    public static void ValidateOptions(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    public static async Task<int> RunReportingConfigurationErrors(Func<Task> run)
    {
        try
        {
            await run();
            return Environment.ExitCode;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Configuration error: {string.Join(" ", ex.Failures)}");
            return ExitCodes.Configuration;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            var failures = ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures);
            await Console.Error.WriteLineAsync($"Configuration error: {string.Join(" ", failures)}");
            return ExitCodes.Configuration;
        }
    }

    // Secrets sit below environment variables, so Discord__Token set in the environment still wins.
    private static void AddUserSecretsBeforeEnvironment(ConfigurationManager configuration)
    {
        var sources = (IList<IConfigurationSource>)configuration.Sources;
        var environmentIndex = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        var secrets = new ConfigurationBuilder().AddUserSecrets(typeof(SleepBotHost).Assembly, optional: true).Sources.Single();
        sources.Insert(environmentIndex < 0 ? sources.Count : environmentIndex, secrets);
    }

    private sealed class KnowledgeFolderExists(IHostEnvironment environment) : IValidateOptions<KnowledgeOptions>
    {
        public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
        {
            var path = Path.Combine(environment.ContentRootPath, options.Path);
            return Directory.Exists(path)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Knowledge:Path '{options.Path}' is not a folder (looked in {Path.GetFullPath(path)}).");
        }
    }
}
