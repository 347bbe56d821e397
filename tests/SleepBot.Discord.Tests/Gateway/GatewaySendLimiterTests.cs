using Microsoft.Extensions.Time.Testing;
using SleepBot.Discord.Gateway;

namespace SleepBot.Discord.Tests.Gateway;

public sealed class GatewaySendLimiterTests
{
    [Fact]
    public async Task Other_sends_stop_below_the_limit_and_leave_room_for_heartbeats()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time);
        for (var i = 0; i < GatewaySendLimiter.OtherLimit; i++)
            await limiter.WaitAsync(heartbeat: false, CancellationToken.None);

        var blocked = limiter.WaitAsync(heartbeat: false, CancellationToken.None);
        var heartbeat = limiter.WaitAsync(heartbeat: true, CancellationToken.None);

        Assert.False(blocked.IsCompleted);
        Assert.True(heartbeat.IsCompletedSuccessfully);
        time.Advance(GatewaySendLimiter.Window - TimeSpan.FromMilliseconds(1));
        Assert.False(blocked.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Nothing_exceeds_120_sends_in_any_60_seconds()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time);
        for (var i = 0; i < GatewaySendLimiter.HeartbeatLimit; i++)
            await limiter.WaitAsync(heartbeat: true, CancellationToken.None);

        var next = limiter.WaitAsync(heartbeat: true, CancellationToken.None);

        Assert.False(next.IsCompleted);
        Assert.True(GatewaySendLimiter.HeartbeatLimit < 120);
        time.Advance(GatewaySendLimiter.Window);
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
