using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Yiju.Data.Migrations;

/// <summary>
/// Applies the numbered SQL scripts in db/&lt;provider&gt;/ that the database has not seen, each in its own transaction,
/// recording them in schema_migration. See docs/decisions/0001-sql-migrations.md for why not EF migrations.
/// On PostgreSQL a session advisory lock keeps two web nodes starting together from applying a script twice.
/// </summary>
public sealed class MigrationRunner(YijuDb db, ILogger<MigrationRunner> logger)
{
    public const string HistoryTable = "schema_migration";

    public static IReadOnlyList<(string Id, string Sql)> Scripts(DatabaseProvider provider)
    {
        var prefix = $"Yiju.Data.Migrations.{(provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres")}.";
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..^4], Read(assembly, n)))
            .ToList();
    }

    public async Task<IReadOnlyList<string>> Pending(CancellationToken ct)
    {
        await EnsureHistoryTable(ct);
        var applied = await Applied(ct);
        return Scripts(Provider).Select(s => s.Id).Where(id => !applied.Contains(id)).ToList();
    }

    public async Task<IReadOnlyList<string>> Migrate(CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (Provider == DatabaseProvider.Postgres)
                await Execute(connection, "SELECT pg_advisory_lock(7410)", ct);
            await EnsureHistoryTable(ct);
            var applied = await Applied(ct);
            var done = new List<string>();
            foreach (var (id, sql) in Scripts(Provider).Where(s => !applied.Contains(s.Id)))
            {
                logger.LogInformation("Applying migration {Migration}", id);
                await using var tx = await connection.BeginTransactionAsync(ct);
                await Execute(connection, sql, ct, tx);
                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = tx;
                    record.CommandText = $"INSERT INTO {HistoryTable} (id, applied_at) VALUES (@id, @at)";
                    AddParameter(record, "@id", id);
                    AddParameter(record, "@at", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                done.Add(id);
            }
            if (Provider == DatabaseProvider.Postgres)
                await Execute(connection, "SELECT pg_advisory_unlock(7410)", ct);
            return done;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private DatabaseProvider Provider => db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    private async Task EnsureHistoryTable(CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync($"CREATE TABLE IF NOT EXISTS {HistoryTable} (id varchar(100) NOT NULL PRIMARY KEY, applied_at varchar(40) NOT NULL)", ct);

    private async Task<HashSet<string>> Applied(CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<string>($"SELECT id AS \"Value\" FROM {HistoryTable}").ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    private static async Task Execute(DbConnection connection, string sql, CancellationToken ct, DbTransaction? tx = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        // A migration may build an index over millions of rows; the default 30 s would abort it half-way (in its
        // transaction, so nothing is left behind, but the upgrade could never finish).
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
