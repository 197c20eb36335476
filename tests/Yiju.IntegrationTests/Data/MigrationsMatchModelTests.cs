using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Yiju.Data;
using Yiju.Data.Migrations;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Auditing;

namespace Yiju.IntegrationTests.Data;

/// <summary>
/// The hand-written migrations in db/&lt;provider&gt;/ must build exactly the schema EF Core derives from the model:
/// one database is built by the migrations, another by the model's CREATE script, and their catalogues are compared
/// (tables, columns with types and nullability, keys, indexes, foreign keys). A model change without a migration, or
/// a migration that drifts, fails here with the differing lines.
/// </summary>
public abstract class MigrationsMatchModelTests(DatabaseProvider provider)
{
    private static ServiceProvider Services(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditActor>(new FixedAuditActor("test"));
        services.AddYijuData(new DatabaseSettings(database.Provider, database.ConnectionString));
        return services.BuildServiceProvider();
    }

    // PostgreSQL objects EF Core's model does not describe, built by the migrations only: the audit chain's staging
    // table, sealed into sys_audit_entry by a trigger at commit (0016).
    private static readonly string[] MigrationOnlyPostgres =
        ["column sys_audit_pending.", "index sys_audit_pending.", "constraint sys_audit_pending."];

    [Fact]
    public async Task Migrations_build_the_schema_of_the_model()
    {
        Assert.SkipWhen(provider == DatabaseProvider.Postgres && TestDatabase.PostgresServer is null, TestDatabase.SkipReason);
        var ct = TestContext.Current.CancellationToken;
        await using var migrated = await TestDatabase.Create(provider);
        await using var modelled = await TestDatabase.Create(provider);

        await using (var sp = Services(migrated))
        using (var scope = sp.CreateScope())
        {
            var applied = await scope.ServiceProvider.GetRequiredService<MigrationRunner>().Migrate(ct);
            Assert.NotEmpty(applied);
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<MigrationRunner>().Migrate(ct));
        }
        await using (var sp = Services(modelled))
        using (var scope = sp.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YijuDb>();
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript(), ct);
        }

        var expected = await Catalogue(modelled, ct);
        var actual = await Catalogue(migrated, ct);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        if (provider == DatabaseProvider.Postgres)
        {
            foreach (var prefix in MigrationOnlyPostgres)
                Assert.Contains(extra, line => line.StartsWith(prefix, StringComparison.Ordinal));
            extra.RemoveAll(line => MigrationOnlyPostgres.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal)));
        }
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Migrations differ from the model on {provider}.\nIn the model but not built by the migrations:\n  {string.Join("\n  ", missing)}\nBuilt by the migrations but not in the model:\n  {string.Join("\n  ", extra)}");
    }

    private static async Task<SortedSet<string>> Catalogue(TestDatabase database, CancellationToken ct)
    {
        await using var sp = Services(database);
        using var scope = sp.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<YijuDb>().Database.GetDbConnection();
        await connection.OpenAsync(ct);
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var tables = await Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migration'", ct);
            foreach (var t in tables.Select(r => r[0]))
            {
                lines.Add($"table {t}");
                foreach (var c in await Rows(connection, $"PRAGMA table_info('{t}')", ct))
                    lines.Add($"column {t}.{c[1]} {c[2]} notnull={c[3]} pk={c[5]}");
                foreach (var i in await Rows(connection, $"PRAGMA index_list('{t}')", ct))
                {
                    var columns = (await Rows(connection, $"PRAGMA index_info('{i[1]}')", ct)).Select(r => r[2]);
                    lines.Add($"index {t}.{i[1]} unique={i[2]} origin={i[3]} ({string.Join(",", columns)})");
                }
                foreach (var f in await Rows(connection, $"PRAGMA foreign_key_list('{t}')", ct))
                    lines.Add($"fk {t}.{f[3]} -> {f[2]}.{f[4]} on delete {f[6]}");
            }
        }
        else
        {
            foreach (var c in await Rows(connection, "SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable, is_identity, coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migration'", ct))
                lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]}) nullable={c[4]} identity={c[5]} default={c[6]}");
            foreach (var i in await Rows(connection, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migration'", ct))
                lines.Add($"index {i[0]}.{i[1]} {i[2]}");
            foreach (var k in await Rows(connection, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migration'", ct))
                lines.Add($"constraint {k[0]}.{k[1]} {k[2]}");
        }
        return lines;
    }

    private static async Task<List<string[]>> Rows(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<string[]>();
        while (await reader.ReadAsync(ct))
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray());
        return rows;
    }
}

public sealed class MigrationsMatchModelOnSqlite() : MigrationsMatchModelTests(DatabaseProvider.Sqlite);

public sealed class MigrationsMatchModelOnPostgres() : MigrationsMatchModelTests(DatabaseProvider.Postgres);

public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("Oracle", null, "Database:Provider")]
    [InlineData("Postgres", null, "ConnectionStrings:Yiju")]
    [InlineData("Postgres", "Host=127.0.0.1;Port=notanumber", "ConnectionStrings:Yiju")]
    [InlineData("Sqlite", "Data Source=x.db;Bogus Key=1", "ConnectionStrings:Yiju")]
    public void A_bad_database_setting_stops_start_up_naming_the_setting(string provider, string? connectionString, string setting)
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider, ["ConnectionStrings:Yiju"] = connectionString };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var error = Assert.Throws<DatabaseConfigurationException>(() => { DatabaseSettings.FromConfiguration(configuration, Path.GetTempPath()); });
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_web_host_refuses_to_start_with_an_unknown_provider()
    {
        await using var factory = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>()
            .WithWebHostBuilder(b => b.UseSetting("Database:Provider", "Access"));
        var error = Assert.Throws<DatabaseConfigurationException>(() => factory.CreateClient());
        Assert.Contains("Database:Provider", error.Message, StringComparison.Ordinal);
    }
}
