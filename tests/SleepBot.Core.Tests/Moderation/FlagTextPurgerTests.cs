using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SleepBot.Moderation;

namespace SleepBot.Core.Tests.Moderation;

public sealed class FlagTextPurgerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task Purges_text_once_it_expires_on_the_next_timer_tick()
    {
        var store = _database.Store(_time, retentionDays: 30);
        var id = await store.AddAsync(Flags.FromDiscord(Start), CancellationToken.None);
        var options = Options.Create(new ModerationOptions { TextRetentionDays = 30, PurgeInterval = TimeSpan.FromDays(1) });
        using var purger = new FlagTextPurger(store, options, _time, NullLogger<FlagTextPurger>.Instance);
        await purger.StartAsync(CancellationToken.None);

        // Day 29: the purge at start and the ticks since leave the text alone.
        await AdvanceInDailyTicks(days: 29);
        Assert.NotNull((await store.GetAsync(id, CancellationToken.None))!.Question);

        await AdvanceInDailyTicks(days: 2);
        var flag = await WaitUntil(async () => await store.GetAsync(id, CancellationToken.None) is { Question: null } f ? f : null);

        Assert.Equal(Flags.Emergency.Signals, flag.Verdict.Signals);
        Assert.Equal(FlagActionKind.TextPurged, flag.Actions[^1].Action);
        await purger.StopAsync(CancellationToken.None);
    }

    private async Task AdvanceInDailyTicks(int days)
    {
        for (var day = 0; day < days; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            // Let the purger's continuation run before the next tick, as it would in real time.
            await Task.Delay(1);
        }
    }

    private static async Task<T> WaitUntil<T>(Func<Task<T?>> probe) where T : class
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The purger did not purge within 5 seconds of the tick.");
    }

    public void Dispose() => _database.Dispose();
}
