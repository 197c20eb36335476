using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Yiju.Data.Auditing;

public enum AuditBreak
{
    Altered = 1,
    Inserted = 2,
    Deleted = 3,
}

/// <summary>The first place where the chain does not hold.</summary>
public sealed record AuditChainBreak(long Seq, AuditBreak Kind, string Message);

/// <summary>The hash rule and the verification walk, kept apart from EF so both are easy to read and test.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// SHA-256 over the row's fields joined by newlines, in a fixed order, with the time as UTC ticks at millisecond
    /// precision (both databases store at least that, so a row read back hashes the same as when written).
    /// </summary>
    public static string ComputeHash(AuditEntry e)
    {
        var text = string.Join('\n',
            e.Seq.ToString(CultureInfo.InvariantCulture),
            TruncateToMilliseconds(e.At).Ticks.ToString(CultureInfo.InvariantCulture),
            e.Actor, e.Action, e.EntityType, e.EntityId,
            e.Before ?? "∅", e.After ?? "∅", e.PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static DateTime TruncateToMilliseconds(DateTime t) =>
        new(t.Ticks - (t.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    /// <summary>Walks the rows in sequence order and returns the first break, or null when the chain holds.</summary>
    public static AuditChainBreak? Verify(IEnumerable<AuditEntry> rowsInSeqOrder)
    {
        var walker = new AuditChainWalker();
        foreach (var row in rowsInSeqOrder)
        {
            if (walker.Next(row) is { } found)
                return found;
        }
        return null;
    }
}

/// <summary>
/// Checks rows one at a time, so a long trail can be verified in batches. A row whose hash does not match its
/// content was altered; a row whose predecessor link does not match, or a gap or repeat in the numbering,
/// means rows were inserted or deleted there.
/// </summary>
public sealed class AuditChainWalker
{
    private long _expectedSeq = 1;
    private string _prevHash = AuditChain.Genesis;

    public AuditChainBreak? Next(AuditEntry row)
    {
        if (row.Seq > _expectedSeq)
            return new AuditChainBreak(_expectedSeq, AuditBreak.Deleted, $"rows {_expectedSeq}..{row.Seq - 1} are missing (deleted)");
        if (row.Seq < _expectedSeq)
            return new AuditChainBreak(row.Seq, AuditBreak.Inserted, $"row {row.Seq} appears twice or out of order (inserted)");
        var selfConsistent = string.Equals(AuditChain.ComputeHash(row), row.Hash, StringComparison.Ordinal);
        if (!string.Equals(row.PrevHash, _prevHash, StringComparison.Ordinal))
        {
            // A broken link on a row that hashes correctly means a forged row was hashed into place: an insertion
            // (or a deletion followed by renumbering, which is the same thing to the reader).
            var kind = selfConsistent ? AuditBreak.Inserted : AuditBreak.Altered;
            return new AuditChainBreak(row.Seq, kind, $"row {row.Seq} does not follow row {row.Seq - 1} ({(kind == AuditBreak.Inserted ? "inserted, or rows deleted and renumbered" : "altered")})");
        }
        if (!selfConsistent)
            return new AuditChainBreak(row.Seq, AuditBreak.Altered, $"row {row.Seq} does not match its hash (altered)");
        _prevHash = row.Hash;
        _expectedSeq++;
        return null;
    }
}
