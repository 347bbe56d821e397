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

    private static string Resolve(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && !Path.IsPathRooted(path))
        {
            builder.DataSource = Path.Combine(contentRoot, path);
        }

        return builder.ToString();
    }
}
