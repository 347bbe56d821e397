using System.Diagnostics;

namespace SleepBot.Tests.Cli;

/// <summary>Runs the built SleepBot program the way a user does, from the repository root.</summary>
public static class SleepBotProcess
{
    public static string RepoRoot { get; } = FindRoot();

    // The program's own build output (same configuration as the tests), where its dependencies resolve.
    public static string ProgramPath { get; } = Path.Combine(
        RepoRoot, "src", "SleepBot", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "SleepBot.dll");

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        IEnumerable<string> args, string? stdin = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(ProgramPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__SleepBot"] = $"Data Source={Path.Combine(Path.GetTempPath(), "sleepbot-tests", Guid.NewGuid().ToString("N"))}.db";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sleepbot-tests"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A throwaway copy of the shipped knowledge folder that a test may break.</summary>
    public static string CopyOfShippedKnowledge()
    {
        var source = Path.Combine(RepoRoot, "knowledge");
        var target = Path.Combine(Path.GetTempPath(), "sleepbot-tests", "knowledge-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SleepBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SleepBot.sln not found");
    }
}
