using Microsoft.Extensions.Logging.Abstractions;
using SleepBot.Hosting;

namespace SleepBot.Tests.Hosting;

public sealed class StartupHeapCompactionTests
{
    [Fact]
    public async Task What_start_up_built_is_in_the_oldest_generation_before_listening()
    {
        var builtAtStart = new object();
        Assert.Equal(0, GC.GetGeneration(builtAtStart));

        await new StartupHeapCompaction(TimeProvider.System, NullLogger<StartupHeapCompaction>.Instance).StartAsync(CancellationToken.None);

        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(builtAtStart));
    }
}
