using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Data;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Auditing;
using Yiju.Programme.Features;
using Yiju.Programme.Features.Queries;
using Yiju.Programme.Features.Reporting;

namespace Yiju.IntegrationTests.Programme;

/// <summary>
/// SQLite plans a query from its shape alone when the file has no statistics (never ANALYZEd, as every Yiju database):
/// it assumes an equality on any index matches about ten rows. The overview's queries must therefore read the partial
/// index of current approved city values (migration 0009) whatever else exists, and the review queue the partial status
/// index (0014). The statements are captured as EF sends them and explained with EXPLAIN QUERY PLAN.
/// </summary>
public sealed class ProgrammeQueryPlansOnSqlite(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private const string CityValuesIndex = "ix_prog_value_indicator_id_period_value_observed_through";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_statistics_the_overview_reads_the_city_values_index_and_the_review_queue_the_status_index()
    {
        var app = fixture.Require();
        using var scope = app.Services.CreateScope();
        var captured = new List<(string Sql, List<(string Name, object? Value)> Parameters)>();
        var options = new DbContextOptionsBuilder<YijuDb>().UseSqlite(app.Database.ConnectionString).AddInterceptors(new Capture(captured)).Options;
        await using var db = new YijuDb(options, new FixedAuditActor("test"), TimeProvider.System);
        Assert.Equal(0L, await Scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"));

        var programme = (await new ProgrammeQueries(db, TimeProvider.System).LoadTree(Ct))!;
        captured.Clear();
        var values = await CurrentCityValues.ForOverview(db, programme, new DateOnly(2026, 12, 31), Ct);
        Assert.NotEmpty(values);
        var overview = captured.ToList();
        Assert.Equal(2, overview.Count);
        foreach (var (sql, parameters) in overview)
        {
            var plan = await Plan(db, sql, parameters);
            Assert.Contains(plan, p => p.Contains(CityValuesIndex, StringComparison.Ordinal));
            Assert.DoesNotContain(plan, p => p.Contains("ix_prog_value_status", StringComparison.Ordinal) || p.StartsWith("SCAN", StringComparison.Ordinal));
        }

        captured.Clear();
        _ = await new ReportingQueues(db, scope.ServiceProvider.GetRequiredService<IProgrammeDirectory>()).AwaitingReview(Ct);
        var queue = captured.First(c => c.Sql.Contains("prog_value", StringComparison.Ordinal));
        var queuePlan = await Plan(db, queue.Sql, queue.Parameters);
        Assert.Contains(queuePlan, p => p.Contains("USING INDEX ix_prog_value_status", StringComparison.Ordinal));
    }

    private static async Task<long> Scalar(YijuDb db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The "detail" column of EXPLAIN QUERY PLAN, one entry per step.</summary>
    private static async Task<List<string>> Plan(YijuDb db, string sql, List<(string Name, object? Value)> parameters)
    {
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
            steps.Add(reader.GetString(3));
        return steps;
    }

    private sealed class Capture(List<(string Sql, List<(string Name, object? Value)> Parameters)> captured) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            captured.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
