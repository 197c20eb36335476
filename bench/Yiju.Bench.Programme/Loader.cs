using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Yiju.Data;
using Yiju.Programme.Domain;

namespace Yiju.Bench.Programme;

/// <summary>
/// Writes the dataset straight into the programme's tables, replacing Harbin's indicators, targets and values but
/// keeping its programme, homes, goals and tasks. Bulk SQL (a prepared INSERT in one transaction on SQLite, binary COPY
/// on PostgreSQL) rather than EF: 570,000 values with 1.7 million history steps through the change tracker and the audit
/// chain would take longer than the benchmark. Benchmark data only; the audit chain does not cover it.
/// </summary>
public static class Loader
{
    private const string Source = "基准测试合成数据 (bench/Yiju.Bench.Programme)";
    private const string Department = "基准测试填报单位";
    private const string Reviewer = "基准测试审核人";

    public static async Task Load(DatabaseProvider provider, string connectionString, Dataset data, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(ct);
            await Execute(connection, null, "PRAGMA synchronous = OFF", ct);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await Clear(connection, tx, ct);
            await WriteTree(connection, tx, data, ct);
            await WriteValuesSqlite(connection, tx, data, ct);
            await tx.CommitAsync(ct);
        }
        else
        {
            // No command timeout: COPY of 570,000 rows and VACUUM ANALYZE outlast the default 30 s on a loaded machine.
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ToString());
            await connection.OpenAsync(ct);
            await using (var tx = await connection.BeginTransactionAsync(ct))
            {
                await Clear(connection, tx, ct);
                await WriteTree(connection, tx, data, ct);
                await tx.CommitAsync(ct);
            }

            await WriteValuesPostgres(connection, data, ct);
            // What autovacuum would do soon after a load this size; without statistics the planner guesses row counts.
            // One statement per command: Npgsql sends several in one command as an implicit transaction, where VACUUM cannot run.
            foreach (var statement in new[] { "VACUUM ANALYZE prog_value", "VACUUM ANALYZE prog_value_history", "ANALYZE prog_indicator", "ANALYZE prog_target" })
                await Execute(connection, null, statement, ct);
        }
    }

    private static async Task Clear(DbConnection c, DbTransaction tx, CancellationToken ct)
    {
        foreach (var table in new[] { "prog_value_history", "prog_value", "prog_target", "prog_indicator" })
            await Execute(c, tx, $"DELETE FROM {table}", ct);
    }

    private static async Task WriteTree(DbConnection c, DbTransaction tx, Dataset data, CancellationToken ct)
    {
        await using (var insert = Command(c, tx, """
            INSERT INTO prog_indicator (id, task_id, code, name, unit, direction, kind, frequency, rollup, accumulation,
                has_district_breakdown, scope, version, baseline_value, baseline_year, baseline_source_document, baseline_source_quote)
            VALUES (@id, @task, @code, @name, @unit, @direction, @kind, 2, @rollup, @accumulation, @breakdown, '全市', 1,
                @baseline, @baseline_year, @baseline_document, @baseline_quote)
            """, "id", "task", "code", "name", "unit", "direction", "kind", "rollup", "accumulation", "breakdown", "baseline", "baseline_year", "baseline_document", "baseline_quote"))
        {
            foreach (var i in data.Indicators)
            {
                Set(insert, i.Id, i.TaskId, i.Code, i.Name, i.Unit, (int)i.Direction, (int)i.Kind, (int)i.Rollup, (int)i.Accumulation, true,
                    i.Baseline, i.Baseline is null ? null : 2021, i.Baseline is null ? null : Source, i.Baseline is null ? null : "");
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        await using (var insert = Command(c, tx, """
            INSERT INTO prog_target (id, indicator_id, kind, from_year, deadline_year, repeats_each_year, value, district_code,
                scope, applies_to_each_unit, period_label, version, source_document, source_quote)
            VALUES (@id, @indicator, @kind, @from, @deadline, @repeats, @value, @district, @scope, false, @label, 1, @document, '')
            """, "id", "indicator", "kind", "from", "deadline", "repeats", "value", "district", "scope", "label", "document"))
        {
            foreach (var t in data.Targets)
            {
                Set(insert, t.Id, t.IndicatorId, (int)t.Kind, t.FromYear, t.DeadlineYear, t.RepeatsEachYear, t.Value, t.DistrictCode,
                    t.DistrictCode is null ? "全市" : "各区县(市)", t.PeriodLabel, Source);
                await insert.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private static async Task WriteValuesSqlite(SqliteConnection c, SqliteTransaction tx, Dataset data, CancellationToken ct)
    {
        await using var value = Command(c, tx, """
            INSERT INTO prog_value (id, indicator_id, period, district_code, value, numerator, denominator, status, revision,
                is_current, entered_by, entered_at_utc, submitted_at_utc, first_submitted_at_utc, reviewed_by, reviewed_at_utc,
                version, source_document, source_quote)
            VALUES (@id, @indicator, @period, @district, @value, @numerator, @denominator, 2, 1, 1, @by, @entered, @submitted,
                @submitted, @reviewer, @reviewed, 3, @by, '')
            """, "id", "indicator", "period", "district", "value", "numerator", "denominator", "by", "entered", "submitted", "reviewer", "reviewed");
        await using var history = Command(c, tx, """
            INSERT INTO prog_value_history (at_utc, by, from_status, to_status, value, note, reported_value_id)
            VALUES (@at, @by, @from, @to, @value, @note, @value_id)
            """, "at", "by", "from", "to", "value", "note", "value_id");
        foreach (var v in data.Values())
        {
            var id = v.Id.ToString().ToUpperInvariant();
            var (entered, submitted, reviewed) = Times(v);
            Set(value, id, v.IndicatorId, v.Period, v.DistrictCode, v.Value, v.Numerator, v.Denominator, Department,
                SqliteTime(entered), SqliteTime(submitted), Reviewer, SqliteTime(reviewed));
            await value.ExecuteNonQueryAsync(ct);
            foreach (var (at, by, from, to, note) in Steps(entered, submitted, reviewed))
            {
                Set(history, SqliteTime(at), by, from, to, v.Value, note, id);
                await history.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private static async Task WriteValuesPostgres(NpgsqlConnection c, Dataset data, CancellationToken ct)
    {
        await using (var values = await c.BeginBinaryImportAsync("""
            COPY prog_value (id, indicator_id, period, district_code, value, numerator, denominator, status, revision,
                is_current, entered_by, entered_at_utc, submitted_at_utc, first_submitted_at_utc, reviewed_by, reviewed_at_utc,
                version, source_document, source_quote) FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var v in data.Values())
            {
                var (entered, submitted, reviewed) = Times(v);
                await values.StartRowAsync(ct);
                await values.WriteAsync(v.Id, NpgsqlDbType.Uuid, ct);
                await values.WriteAsync(v.IndicatorId, NpgsqlDbType.Bigint, ct);
                await values.WriteAsync(v.Period, NpgsqlDbType.Varchar, ct);
                await WriteNullable(values, v.DistrictCode, NpgsqlDbType.Varchar, ct);
                await values.WriteAsync(v.Value, NpgsqlDbType.Double, ct);
                await WriteNullable(values, v.Numerator, NpgsqlDbType.Double, ct);
                await WriteNullable(values, v.Denominator, NpgsqlDbType.Double, ct);
                await values.WriteAsync((int)ValueStatus.Approved, NpgsqlDbType.Integer, ct);
                await values.WriteAsync(1, NpgsqlDbType.Integer, ct);
                await values.WriteAsync(true, NpgsqlDbType.Boolean, ct);
                await values.WriteAsync(Department, NpgsqlDbType.Varchar, ct);
                await values.WriteAsync(entered, NpgsqlDbType.TimestampTz, ct);
                await values.WriteAsync(submitted, NpgsqlDbType.TimestampTz, ct);
                await values.WriteAsync(submitted, NpgsqlDbType.TimestampTz, ct);
                await values.WriteAsync(Reviewer, NpgsqlDbType.Varchar, ct);
                await values.WriteAsync(reviewed, NpgsqlDbType.TimestampTz, ct);
                await values.WriteAsync(3L, NpgsqlDbType.Bigint, ct);
                await values.WriteAsync(Department, NpgsqlDbType.Varchar, ct);
                await values.WriteAsync("", NpgsqlDbType.Varchar, ct);
            }

            await values.CompleteAsync(ct);
        }

        await using (var history = await c.BeginBinaryImportAsync(
            "COPY prog_value_history (at_utc, by, from_status, to_status, value, note, reported_value_id) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var v in data.Values())
            {
                var (entered, submitted, reviewed) = Times(v);
                foreach (var (at, by, from, to, note) in Steps(entered, submitted, reviewed))
                {
                    await history.StartRowAsync(ct);
                    await history.WriteAsync(at, NpgsqlDbType.TimestampTz, ct);
                    await history.WriteAsync(by, NpgsqlDbType.Varchar, ct);
                    await WriteNullable(history, from, NpgsqlDbType.Integer, ct);
                    await history.WriteAsync(to, NpgsqlDbType.Integer, ct);
                    await history.WriteAsync(v.Value, NpgsqlDbType.Double, ct);
                    await WriteNullable(history, note, NpgsqlDbType.Varchar, ct);
                    await history.WriteAsync(v.Id, NpgsqlDbType.Uuid, ct);
                }
            }

            await history.CompleteAsync(ct);
        }
    }

    private static (DateTime Entered, DateTime Submitted, DateTime Reviewed) Times(BenchValue v) =>
        (v.EnteredAtUtc, v.EnteredAtUtc.AddHours(1), v.EnteredAtUtc.AddDays(2));

    private static (DateTime At, string By, int? From, int To, string? Note)[] Steps(DateTime entered, DateTime submitted, DateTime reviewed) =>
    [
        (entered, Department, null, (int)ValueStatus.Draft, "填报"),
        (submitted, Department, (int)ValueStatus.Draft, (int)ValueStatus.Submitted, null),
        (reviewed, Reviewer, (int)ValueStatus.Submitted, (int)ValueStatus.Approved, null),
    ];

    private static async Task WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is null)
            await importer.WriteNullAsync(ct);
        else
            await importer.WriteAsync(value, type, ct);
    }

    private static async Task WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct
    {
        if (value is { } v)
            await importer.WriteAsync(v, type, ct);
        else
            await importer.WriteNullAsync(ct);
    }

    /// <summary>EF Core's SQLite text form of a DateTime.</summary>
    private static string SqliteTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params string[] parameters)
    {
        var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            command.Parameters.Add(p);
        }

        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var k = 0; k < values.Length; k++)
            command.Parameters[k].Value = values[k] ?? DBNull.Value;
    }

    private static async Task Execute(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
