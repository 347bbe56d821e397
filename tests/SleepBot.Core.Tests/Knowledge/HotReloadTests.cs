using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SleepBot.Answering;
using SleepBot.Knowledge;
using SleepBot.Tests.TestSupport;

namespace SleepBot.Tests.Knowledge;

public class HotReloadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Add_edit_break_fix_and_delete_are_picked_up_while_questions_keep_being_answered()
    {
        using var folder = TempKnowledgeFolder.CopyOfShipped();
        using var services = TestServices.Build(folder.Path, configure: s => s.AddHostedService<KnowledgeWatcher>());
        var store = services.GetRequiredService<KnowledgeStore>();
        var pipeline = services.GetRequiredService<AnswerPipeline>();
        var watcher = services.GetServices<IHostedService>().OfType<KnowledgeWatcher>().Single();
        await watcher.StartAsync(default);

        using var stop = new CancellationTokenSource();
        var failures = 0;
        var answered = 0;
        var asking = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var reply = await pipeline.AnswerAsync(new Question("why does my baby cry when I put her down?"), default);
                if (reply.Route != AnswerRoute.Answer)
                {
                    Interlocked.Increment(ref failures);
                }

                Interlocked.Increment(ref answered);
                await Task.Yield();
            }
        });

        const string file = "why_crying/zebra-blanket.md";
        folder.Write(file, KnowledgeFolderTests.Entry("zebra-blanket", "why_crying", "000_d35e7a4d79ec71be.txt", "A zebra blanket answer."));
        await Until(() => store.Current.Entries.Any(e => e.Id == "zebra-blanket"));

        folder.Write(file, KnowledgeFolderTests.Entry("zebra-blanket", "why_crying", "000_d35e7a4d79ec71be.txt", "An edited zebra blanket answer."));
        await Until(() => store.Current.Entries.Any(e => e.Id == "zebra-blanket" && e.Text.Contains("edited", StringComparison.Ordinal)));

        folder.Write(file, "---\nid: zebra-blanket\ntitle: [broken\n---\nbody");
        await Until(() => store.Current.Problems.Any(p => p.File == file && p.Rule == "yaml"));
        Assert.Contains(store.Current.Entries, e => e.Id == "zebra-blanket" && e.Text.Contains("edited", StringComparison.Ordinal));

        folder.Write(file, KnowledgeFolderTests.Entry("zebra-blanket", "why_crying", "000_d35e7a4d79ec71be.txt", "A fixed zebra blanket answer."));
        await Until(() => store.Current.Entries.Any(e => e.Id == "zebra-blanket" && e.Text.Contains("fixed", StringComparison.Ordinal)) && !store.Current.Problems.Any());

        folder.Delete(file);
        await Until(() => store.Current.Entries.All(e => e.Id != "zebra-blanket"));

        await stop.CancelAsync();
        await asking;
        await watcher.StopAsync(default);
        Assert.True(answered > 0);
        Assert.Equal(0, failures);
    }

    [Fact]
    public void A_deleted_folder_keeps_the_last_good_knowledge_serving()
    {
        var folder = TempKnowledgeFolder.CopyOfShipped();
        using var services = TestServices.Build(folder.Path);
        var store = services.GetRequiredService<KnowledgeStore>();
        var before = store.Current;

        folder.Dispose();
        var after = store.Reload();

        Assert.Same(before, after);
        Assert.NotEmpty(after.Entries);
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
