using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Import;

/// <summary>
/// Writes many new values and their first history steps with multi-row INSERT statements inside the caller's
/// transaction, instead of EF's change tracker (which, with the audit chain on top, needs minutes for 100,000 values).
/// Every column is bound through EF's own type mapping for the property (<see cref="RelationalTypeMapping.CreateParameter"/>
/// and the property's value converter), so a row written here reads back exactly like one EF wrote, on SQLite and
/// PostgreSQL alike. The audit trail records the import (file, SHA-256, counts) rather than each row; the file's bytes
/// are kept, so every value can be traced to its row.
/// </summary>
internal static class BatchInsert
{
    // PostgreSQL allows 65,535 parameters per statement. SQLite allows 32,766, but binding a parameter by name scans the
    // statement's parameter list, so the cost of one statement grows with the square of its parameters: there, many
    // small statements (one prepared command reused) are far faster than a few huge ones.
    private const int MaxParameters = 30_000;
    private const int MaxSqliteParameters = 900;

    private sealed record ColumnMap(string Name, RelationalTypeMapping Mapping, bool Nullable, Func<object, object?> Get);

    public static async Task Values(IProgrammeDb db, IReadOnlyList<ReportedValue> values, CancellationToken ct)
    {
        if (values.Count == 0)
            return;
        var valueType = db.Model.FindEntityType(typeof(ReportedValue))!;
        var valueColumns = new List<ColumnMap>();
        foreach (var p in valueType.GetProperties())
        {
            var getter = p.GetGetter();
            valueColumns.Add(Column(p, o => getter.GetClrValue(o)));
        }

        foreach (var complex in valueType.GetComplexProperties())
        {
            var outer = complex.PropertyInfo!;
            foreach (var p in complex.ComplexType.GetProperties())
            {
                var inner = p.PropertyInfo!;
                valueColumns.Add(Column(p, o => outer.GetValue(o) is { } c ? inner.GetValue(c) : null));
            }
        }

        var historyType = db.Model.FindEntityType(typeof(ValueHistoryEntry))!;
        var historyColumns = new List<ColumnMap>();
        foreach (var p in historyType.GetProperties().Where(p => !p.IsPrimaryKey()))
        {
            if (p.IsShadowProperty())
            {
                // The foreign key to the value (shadow property "ReportedValueId") comes with each pair below.
                historyColumns.Add(Column(p, o => ((HistoryRow)o).ValueId));
                continue;
            }

            var getter = p.GetGetter();
            historyColumns.Add(Column(p, o => getter.GetClrValue(((HistoryRow)o).Entry)));
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Batched inserts run inside the import's transaction.");
        await Insert(transaction, valueType.GetTableName()!, valueColumns, values.Cast<object>().ToList(), ct);
        var history = values.SelectMany(v => v.History.Select(h => (object)new HistoryRow(v.Id, h))).ToList();
        await Insert(transaction, historyType.GetTableName()!, historyColumns, history, ct);
    }

    private sealed record HistoryRow(Guid ValueId, ValueHistoryEntry Entry);

    private static ColumnMap Column(IProperty p, Func<object, object?> get) =>
        new(p.GetColumnName(), p.GetRelationalTypeMapping(), p.IsNullable, get);

    private static async Task Insert(DbTransaction transaction, string table, List<ColumnMap> columns, List<object> rows, CancellationToken ct)
    {
        var limit = transaction.Connection!.GetType().Name.Contains("Sqlite", StringComparison.Ordinal) ? MaxSqliteParameters : MaxParameters;
        var perBatch = Math.Max(1, limit / columns.Count);
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perBatch)
            {
                var count = Math.Min(perBatch, rows.Count - start);
                DbCommand command;
                if (count == perBatch)
                {
                    // Full batches share one command: its text and parameters are built once and only the values change.
                    full ??= Build(transaction, table, columns, count);
                    command = full;
                }
                else
                {
                    command = Build(transaction, table, columns, count);
                }

                for (var r = 0; r < count; r++)
                {
                    var row = rows[start + r];
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var column = columns[c];
                        var value = column.Get(row);
                        if (value is not null && column.Mapping.Converter is { } converter)
                            value = converter.ConvertToProvider(value);
                        command.Parameters[(r * columns.Count) + c].Value = value ?? DBNull.Value;
                    }
                }

                await command.ExecuteNonQueryAsync(ct);
                if (!ReferenceEquals(command, full))
                    await command.DisposeAsync();
            }
        }
        finally
        {
            if (full is not null)
                await full.DisposeAsync();
        }
    }

    private static DbCommand Build(DbTransaction transaction, string table, List<ColumnMap> columns, int rows)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(64 + (rows * columns.Count * 8));
        sql.Append("INSERT INTO \"").Append(table).Append("\" (")
            .AppendJoin(", ", columns.Select(c => "\"" + c.Name + "\"")).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = "@p" + ((r * columns.Count) + c).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (c > 0)
                    sql.Append(", ");
                sql.Append(name);
                command.Parameters.Add(columns[c].Mapping.CreateParameter(command, name, null, columns[c].Nullable));
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        return command;
    }
}
