using System.Diagnostics;

namespace SleepBot.Tests;

/// <summary>Runs the built SleepBot program as an operator would, against a given database, and captures its output.</summary>
internal static class SleepBotProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string databasePath, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        start.ArgumentList.Add(ProgramPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__SleepBot"] = $"Data Source={databasePath}";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start SleepBot.");
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    // The program finds appsettings.json and knowledge/ from its working directory.
    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    // The program's own build output (same configuration as the tests): the copy next to the tests lacks the
    // framework assemblies that this test project takes from ASP.NET Core's shared framework.
    private static string ProgramPath { get; } = Path.Combine(
        RepositoryRoot, "src", "SleepBot", Path.GetRelativePath(Path.Combine(RepositoryRoot, "tests", "SleepBot.Tests"), AppContext.BaseDirectory), "SleepBot.dll");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SleepBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SleepBot.sln not found above " + AppContext.BaseDirectory);
    }
}
