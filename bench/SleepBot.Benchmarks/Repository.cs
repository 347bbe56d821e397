namespace SleepBot.Benchmarks;

/// <summary>Paths in the repository, found from wherever BenchmarkDotNet starts its child process.</summary>
internal static class Repository
{
    public static string Root { get; } = Locate();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string QuestionFile(string name) => Path.Combine(Root, "tests", "SleepBot.Core.Tests", "Data", name);

    private static string Locate()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SleepBot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Run the benchmarks from inside the SleepBot repository (no SleepBot.sln found above).");
    }
}
