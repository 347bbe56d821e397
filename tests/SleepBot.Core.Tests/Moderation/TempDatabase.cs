using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SleepBot.Moderation;
using SleepBot.Storage;

namespace SleepBot.Core.Tests.Moderation;

/// <summary>A fresh database file per test, deleted afterwards.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sleepbot-tests");
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, $"flags-{Guid.NewGuid():N}.db");
    }

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    public SqliteFlagStore Store(TimeProvider time, int retentionDays = 30) =>
        new(new SqliteDatabase(ConnectionString), Options.Create(new ModerationOptions { TextRetentionDays = retentionDays }), time, new ModeratorPostSignal(), NullLogger<SqliteFlagStore>.Instance);

    public async Task<SqliteConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}
