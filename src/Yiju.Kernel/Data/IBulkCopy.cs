using System.Data.Common;

namespace Yiju.Kernel.Data;

/// <summary>A column of a bulk copy: its name in the table and its store type as the mapping declares it (e.g. "uuid", "character varying(200)").</summary>
public sealed record BulkColumn(string Name, string StoreType);

/// <summary>
/// The provider's bulk-load path for many new rows, for modules that must write tens of thousands of rows in one
/// transaction (the programme's value import). Modules do not reference a database driver, so Yiju.Data implements it:
/// on PostgreSQL it is binary COPY, many times faster than multi-row INSERT there; other providers have none and the
/// caller writes with INSERT statements instead.
/// </summary>
public interface IBulkCopy
{
    /// <summary>
    /// Copies <paramref name="rowCount"/> rows into <paramref name="table"/> inside <paramref name="transaction"/>; each
    /// cell is <paramref name="cell"/>(row, column) as the provider value (after any value converter), null for NULL.
    /// Returns false, having written nothing, when the transaction's connection has no bulk path.
    /// </summary>
    Task<bool> TryCopy(DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns, int rowCount, Func<int, int, object?> cell, CancellationToken ct);
}
