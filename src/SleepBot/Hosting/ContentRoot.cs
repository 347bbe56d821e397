namespace SleepBot.Hosting;

/// <summary>
/// Finds the folder holding <c>appsettings.json</c> and <c>knowledge/</c>, so the bot works when started from the
/// repository root, from a sub-folder, or as a built binary.
/// </summary>
internal static class ContentRoot
{
    public static string Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "appsettings.json")) && Directory.Exists(Path.Combine(dir.FullName, "knowledge")))
                {
                    return dir.FullName;
                }
            }
        }

        return AppContext.BaseDirectory;
    }
}
