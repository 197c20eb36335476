using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Yiju.Data;

public enum DatabaseProvider
{
    Sqlite = 1,
    Postgres = 2,
}

/// <summary>A configuration mistake that must stop start-up, with a message naming the setting to fix.</summary>
public sealed class DatabaseConfigurationException(string message) : Exception(message);

/// <summary>
/// Which database and where. `Database:Provider` (Sqlite | Postgres) and `ConnectionStrings:Yiju`, also as the
/// environment variables Database__Provider and ConnectionStrings__Yiju. SQLite defaults to data/yiju.db under
/// `Database:DataFolder` (default: "data" beside the app's content root).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
            provider = DatabaseProvider.Sqlite;
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider) || int.TryParse(providerText, out _))
            throw new DatabaseConfigurationException($"Database:Provider '{providerText}' is not supported; use 'Sqlite' or 'Postgres'.");

        var connectionString = configuration.GetConnectionString("Yiju");
        if (provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            var folder = configuration["Database:DataFolder"] is { Length: > 0 } f ? f : "data";
            folder = Path.GetFullPath(Path.Combine(contentRoot, folder));
            connectionString = $"Data Source={Path.Combine(folder, "yiju.db")}";
        }
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new DatabaseConfigurationException("ConnectionStrings:Yiju is required when Database:Provider is Postgres.");

        try
        {
            connectionString = provider switch
            {
                DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true }.ToString(),
                DatabaseProvider.Postgres => WithAutoPrepare(connectionString),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new DatabaseConfigurationException($"ConnectionStrings:Yiju is not a valid {provider} connection string: {e.Message}");
        }
        return new DatabaseSettings(provider, connectionString);
    }

    /// <summary>
    /// Statements Npgsql prepares on each connection once they have run a few times, unless the connection string says
    /// otherwise. Unprepared, PostgreSQL parses and plans every statement again: a tenth of its CPU while tickets were
    /// being created (bench/README.md, Hotline).
    /// </summary>
    public const int DefaultMaxAutoPrepare = 100;

    private static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // NpgsqlConnectionStringBuilder.ContainsKey answers for every keyword it knows, so ask a plain parser what was written.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!written.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        return builder.ToString();
    }

    /// <summary>Creates the folder of a SQLite file so that a fresh clone starts without any set-up.</summary>
    public void EnsureSqliteFolder()
    {
        if (Provider != DatabaseProvider.Sqlite)
            return;
        var source = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal))
            return;
        if (Path.GetDirectoryName(Path.GetFullPath(source)) is { } dir)
            Directory.CreateDirectory(dir);
    }

    /// <summary>The connection string with any password hidden, for logs and the health page.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        DatabaseProvider.Postgres => DescribePostgres(ConnectionString),
    };

    private static string DescribePostgres(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }
}
