namespace SleepBot.Testing;

/// <summary>Awaits a condition instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; <paramref name="onPoll"/> runs between polls
    /// (e.g. advancing a <c>FakeTimeProvider</c> a little). Throws <see cref="TimeoutException"/> naming <paramref name="what"/>.
    /// </summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Action? onPoll = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for: {what}");
            onPoll?.Invoke();
            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }
}
