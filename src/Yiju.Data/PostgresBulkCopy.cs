using System.Data.Common;
using System.Text;
using Npgsql;
using Yiju.Kernel.Data;

namespace Yiju.Data;

/// <summary>
/// <see cref="IBulkCopy"/> through PostgreSQL's binary COPY (Npgsql's <see cref="NpgsqlBinaryImporter"/>): the rows
/// stream to the server in its binary format with no SQL to parse or plan per row. Each value is written with the
/// column's store type, so it is converted as an EF parameter of that type would be. SQLite has no such path (false).
/// </summary>
internal sealed class PostgresBulkCopy : IBulkCopy
{
    public async Task<bool> TryCopy(
        DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns, int rowCount, Func<int, int, object?> cell, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(cell);
        if (transaction.Connection is not NpgsqlConnection connection)
            return false;

        // Npgsql names types without their facets: "character varying(200)" is written as "character varying".
        var types = columns.Select(c => c.StoreType.IndexOf('(', StringComparison.Ordinal) is var k and > 0 ? c.StoreType[..k].TrimEnd() : c.StoreType).ToArray();
        var sql = new StringBuilder("COPY \"").Append(table.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\" (")
            .AppendJoin(", ", columns.Select(c => "\"" + c.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""))
            .Append(") FROM STDIN (FORMAT BINARY)");
        await using var importer = await connection.BeginBinaryImportAsync(sql.ToString(), ct);
        for (var r = 0; r < rowCount; r++)
        {
            await importer.StartRowAsync(ct);
            for (var c = 0; c < types.Length; c++)
            {
                if (cell(r, c) is { } value)
                    await importer.WriteAsync(value, types[c], ct);
                else
                    await importer.WriteNullAsync(ct);
            }
        }

        await importer.CompleteAsync(ct);
        return true;
    }
}
