using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Yiju.Kernel.Data;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Import;

/// <summary>
/// Writes many new values and their first history steps inside the caller's transaction, instead of EF's change
/// tracker (which, with the audit chain on top, needs minutes for 100,000 values): binary COPY where the provider has
/// it (<see cref="IBulkCopy"/>, PostgreSQL), otherwise multi-row INSERT statements. Every column is converted through
/// EF's own mapping for the property (the property's value converter, then <see cref="RelationalTypeMapping.CreateParameter"/>
/// or the store type for COPY), so a row written here reads back exactly like one EF wrote, on SQLite and PostgreSQL
/// alike. The audit trail records the import (file, SHA-256, counts) rather than each row; the file's bytes are kept,
/// so every value can be traced to its row.
/// </summary>
internal static class BatchInsert
{
    // PostgreSQL allows 65,535 parameters per statement (used when COPY is not available). SQLite allows 32,766, but
    // Microsoft.Data.Sqlite binds each parameter by name and the name is looked up by a scan of the statement's
    // parameters, so a statement costs the square of its parameter count: measured on 100,000 rows of 27 columns,
    // 1 or 4 rows per statement take ~2 s of CPU, 16 rows 4 s, 33 rows (≈900 parameters) 7 s. One prepared command of
    // a few rows is reused.
    private const int MaxParameters = 30_000;
    private const int MaxSqliteParameters = 120;

    private sealed record ColumnMap(string Name, RelationalTypeMapping Mapping, bool Nullable, Func<object, object?> Get);

    public static async Task Values(IProgrammeDb db, IBulkCopy bulk, IReadOnlyList<ReportedValue> values, CancellationToken ct)
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
        await Write(bulk, transaction, valueType.GetTableName()!, valueColumns, values.Cast<object>().ToList(), ct);
        var history = values.SelectMany(v => v.History.Select(h => (object)new HistoryRow(v.Id, h))).ToList();
        await Write(bulk, transaction, historyType.GetTableName()!, historyColumns, history, ct);
    }

    private sealed record HistoryRow(Guid ValueId, ValueHistoryEntry Entry);

    private static ColumnMap Column(IProperty p, Func<object, object?> get) =>
        new(p.GetColumnName(), p.GetRelationalTypeMapping(), p.IsNullable, get);

    /// <summary>The provider value of one cell: the property's value through its converter, null for NULL.</summary>
    private static object? Cell(ColumnMap column, object row)
    {
        var value = column.Get(row);
        if (value is not null && column.Mapping.Converter is { } converter)
            value = converter.ConvertToProvider(value);
        return value;
    }

    private static async Task Write(IBulkCopy bulk, DbTransaction transaction, string table, List<ColumnMap> columns, List<object> rows, CancellationToken ct)
    {
        var copyColumns = columns.Select(c => new BulkColumn(c.Name, c.Mapping.StoreType)).ToList();
        if (await bulk.TryCopy(transaction, table, copyColumns, rows.Count, (r, c) => Cell(columns[c], rows[r]), ct))
            return;
        await Insert(transaction, table, columns, rows, ct);
    }

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
                        command.Parameters[(r * columns.Count) + c].Value = Cell(columns[c], row) ?? DBNull.Value;
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
