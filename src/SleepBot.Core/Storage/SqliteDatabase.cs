using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SleepBot.Storage;

/// <summary>
/// The bot's one SQLite file (<c>ConnectionStrings:SleepBot</c>). Opens connections in WAL mode and brings the
/// schema up to date once, so every feature that stores something shares the same file and migrations.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _migrate = new(1, 1);
    private readonly SemaphoreSlim _write = new(1, 1);
    private bool _migrated;

    public SqliteDatabase(IConfiguration configuration, IHostEnvironment environment)
        : this(Resolve(configuration.GetConnectionString("SleepBot") ?? "Data Source=sleepbot.db", environment.ContentRootPath))
    {
    }

    public SqliteDatabase(string connectionString) => _connectionString = connectionString;

    public string DataSource => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!_migrated)
        {
            await MigrateAsync(connection, cancellationToken);
        }

        return connection;
    }

    /// <summary>
    /// One writer of this process at a time, awaited without blocking a thread. Writers of the same process that
    /// contend for SQLite's write lock instead wait inside SQLite's busy handler (thread-blocking sleeps growing to
    /// 100 ms) and then Microsoft.Data.Sqlite's retries (150 ms sleeps), far longer than the lock is held: under a
    /// burst of answers that held replies for up to a second. Hold it around a write's connection and statements.
    /// </summary>
    public async Task<IDisposable> WriteLockAsync(CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken);
        return new WriteLock(_write);
    }

    private sealed class WriteLock(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _migrate.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancellationToken);
            await using var read = connection.CreateCommand();
            read.Transaction = transaction;
            read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
            var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (version, sql) in Migrations.All.Where(m => m.Version > current))
            {
                await Execute(connection, transaction, sql, cancellationToken);
                await Execute(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({version})", cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            _migrated = true;
        }
        finally
        {
            _migrate.Release();
        }
    }

    private static async Task Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How long one statement may wait for a lock another process holds before it fails.</summary>
    /// <remarks>
    /// SQLite's busy timeout (5 s) bounds one attempt, but Microsoft.Data.Sqlite retries a busy statement until the
    /// command timeout (30 s by default): a locked file held a parent's reply for over half a minute. Writes here sit
    /// on the reply path, so they give up after one busy timeout and the caller logs the failure.
    /// </remarks>
    public const int LockWaitSeconds = 5;

    private static string Resolve(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        // SqliteConnectionStringBuilder.ContainsKey answers for every keyword it knows; the plain builder only for those given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Default Timeout") && !given.ContainsKey("Command Timeout"))
        {
            builder.DefaultTimeout = LockWaitSeconds;
        }

        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && !Path.IsPathRooted(path))
        {
            builder.DataSource = Path.Combine(contentRoot, path);
        }

        return builder.ToString();
    }
}
