using System.Diagnostics;
using System.Globalization;
using SleepBot.Moderation;

namespace SleepBot.Core.Tests.Moderation;

public sealed class ProcessKillTests : IDisposable
{
    private const int AcknowledgedBeforeKill = 150;
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task Every_acknowledged_flag_survives_a_SIGKILL_mid_write_and_the_file_stays_intact()
    {
        var acknowledged = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using (var writer = StartWriter())
        {
            try
            {
                while (acknowledged.Count < AcknowledgedBeforeKill && await writer.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    acknowledged.Add(line);
                }

                if (writer.HasExited)
                {
                    Assert.Fail("The writer stopped before it was killed: " + await writer.StandardError.ReadToEndAsync(timeout.Token));
                }
            }
            finally
            {
                writer.Kill(entireProcessTree: true);
            }

            // Lines already in the pipe were acknowledged before the kill, so they count too.
            acknowledged.AddRange((await writer.StandardOutput.ReadToEndAsync(timeout.Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            await writer.WaitForExitAsync(timeout.Token);
            Assert.NotEqual(0, writer.ExitCode);
        }

        await using (var connection = await _database.OpenRawAsync())
        {
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await check.ExecuteScalarAsync());
        }

        var flags = await _database.Store(TimeProvider.System).ListAsync(status: null, CancellationToken.None);
        var stored = flags.Select(f => f.MessageId).ToHashSet();
        Assert.All(acknowledged, messageId => Assert.Contains(messageId, stored));
        // One transaction per flag: a flag is never left without its "created" action.
        Assert.All(flags, f => Assert.Equal(FlagActionKind.Created, Assert.Single(f.Actions).Action));
        Assert.InRange(flags.Count, acknowledged.Count, acknowledged.Count + 1);
        Assert.Equal(Enumerable.Range(0, acknowledged.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), acknowledged);
    }

    private Process StartWriter()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WriterPath());
        start.ArgumentList.Add(_database.Path);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the flag writer.");
    }

    /// <summary>The writer's own build output, same configuration as the tests (its dependencies resolve there).</summary>
    private static string WriterPath()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory);
        while (tests is not null && tests.Name != "SleepBot.Core.Tests")
        {
            tests = tests.Parent;
        }

        var output = Path.GetRelativePath(tests?.FullName ?? throw new InvalidOperationException("Run from the test project's output."), AppContext.BaseDirectory);
        return Path.Combine(tests.Parent!.FullName, "SleepBot.FlagWriter", output, "SleepBot.FlagWriter.dll");
    }

    public void Dispose() => _database.Dispose();
}
