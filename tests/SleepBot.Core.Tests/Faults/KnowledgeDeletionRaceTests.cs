using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SleepBot.Knowledge;
using SleepBot.Tests.TestSupport;

namespace SleepBot.Tests.Faults;

/// <summary>
/// A reload that runs while the folder is being deleted sees some files and not others: without care it would swap in
/// knowledge without its safety rules, and then, the folder gone, keep serving that for good.
/// </summary>
public sealed class KnowledgeDeletionRaceTests
{
    // Caught only by a rule file (parent-crisis.yaml), unlike fevers, which built-in readers also catch.
    private const string Distress = "i have a plan to end my life";

    [Fact]
    public async Task A_reload_overtaken_by_the_folder_s_deletion_keeps_the_last_good_knowledge()
    {
        if (OperatingSystem.IsWindows())
            return; // Needs a named pipe in the folder (mkfifo).

        var folder = TempKnowledgeFolder.CopyOfShipped();
        using var services = TestServices.Build(folder.Path);
        var store = services.GetRequiredService<KnowledgeStore>();
        var before = store.Current;
        Assert.True(before.Safety.Check(Distress).Distress);

        // A named pipe as the last entry file holds the reload mid-way, deterministically, until the test writes to it.
        var pipe = Path.Combine(folder.Path, "zzz", "zzz-held.md");
        Directory.CreateDirectory(Path.GetDirectoryName(pipe)!);
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
            await mkfifo.WaitForExitAsync();
        var reload = Task.Run(store.Reload);
        await using (var writer = new FileStream(pipe, FileMode.Open, FileAccess.Write))
        {
            // The reload has opened the pipe (the open above waits for a reader); now the folder goes.
            folder.Dispose();
            Assert.False(Directory.Exists(folder.Path));
            await writer.WriteAsync("---\nid: held\n---\n"u8.ToArray());
        }
        var served = await reload.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(store.Current.Safety.Check(Distress).Distress, "the store serves knowledge without its safety rules");
        Assert.Same(before, served);
        Assert.Same(before, store.Current);
    }
}
