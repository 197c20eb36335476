using Npgsql;
using Yiju.Data;

namespace Yiju.IntegrationTests.Infrastructure;

/// <summary>
/// A database of its own for one test fixture: a fresh SQLite file, or a fresh database on the PostgreSQL server named
/// by YIJU_TEST_POSTGRES (scripts/test.sh starts one and sets it). Dropped when the fixture is disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "YIJU_TEST_POSTGRES";

    private TestDatabase(DatabaseProvider provider, string connectionString, string? postgresName, string? sqliteFolder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgresName = postgresName;
        _sqliteFolder = sqliteFolder;
    }

    private readonly string? _postgresName;
    private readonly string? _sqliteFolder;

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    public static string SkipReason => $"PostgreSQL tests need a server: set {PostgresVariable} (scripts/test.sh starts one and sets it).";

    public static async Task<TestDatabase> Create(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "yiju-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new TestDatabase(provider, $"Data Source={Path.Combine(folder, "yiju.db")}", null, folder);
        }
        var server = PostgresServer ?? throw new InvalidOperationException(SkipReason);
        var name = "yiju_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(provider, builder.ToString(), name, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finalising connection; the OS temp cleaner takes it.
            }
        }
    }
}
