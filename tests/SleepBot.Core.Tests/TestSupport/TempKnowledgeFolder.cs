namespace SleepBot.Tests.TestSupport;

/// <summary>A throwaway copy of the shipped knowledge folder (or an empty one) that tests may break freely.</summary>
public sealed class TempKnowledgeFolder : IDisposable
{
    private TempKnowledgeFolder(string path) => Path = path;

    public string Path { get; }

    public static TempKnowledgeFolder CopyOfShipped()
    {
        var folder = Empty();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Knowledge, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(folder.Path, System.IO.Path.GetRelativePath(RepoPaths.Knowledge, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return folder;
    }

    public static TempKnowledgeFolder Empty()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sleepbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new TempKnowledgeFolder(path);
    }

    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public string Read(string relativePath) => File.ReadAllText(System.IO.Path.Combine(Path, relativePath));

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Path, relativePath));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
