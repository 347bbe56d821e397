using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SleepBot.Tests.TestSupport;

/// <summary>The core services as the host wires them, on a given knowledge folder and a temp database.</summary>
public static class TestServices
{
    public static ServiceProvider Build(string knowledgePath, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var database = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sleepbot-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(database)!);
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(System.IO.Path.Combine(RepoPaths.Root, "appsettings.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Knowledge:Path"] = knowledgePath,
                ["ConnectionStrings:SleepBot"] = $"Data Source={database}",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(RepoPaths.Root));
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        configure?.Invoke(services);
        services.AddSleepBotCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private sealed class TestEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "SleepBot.Tests";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
