namespace SleepBot.Tests.TestSupport;

/// <summary>Finds the repository's shipped folders from the test output directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string TestData(string file) => Path.Combine(Root, "tests", "SleepBot.Core.Tests", "Data", file);

    private static string FindRoot()
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
