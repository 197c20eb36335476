using Yiju.Data.Auditing;

namespace Yiju.UnitTests.Data;

public class AuditChainTests
{
    private static List<AuditEntry> Chain(int n)
    {
        var rows = new List<AuditEntry>();
        var prev = AuditChain.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var e = new AuditEntry
            {
                Seq = i,
                At = new DateTime(2026, 11, 22, 8, 0, i, DateTimeKind.Utc),
                Actor = "admin",
                Action = "update",
                EntityType = "Unit",
                EntityId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Before = "{\"Name\":\"旧\"}",
                After = "{\"Name\":\"新\"}",
                PrevHash = prev,
            };
            e.Hash = AuditChain.ComputeHash(e);
            prev = e.Hash;
            rows.Add(e);
        }
        return rows;
    }

    [Fact]
    public void An_untouched_chain_verifies() => Assert.Null(AuditChain.Verify(Chain(10)));

    [Fact]
    public void Changing_any_field_breaks_the_row()
    {
        var rows = Chain(10);
        rows[4].After = "{\"Name\":\"篡改\"}";
        Assert.Equal((5L, AuditBreak.Altered), (AuditChain.Verify(rows)!.Seq, AuditChain.Verify(rows)!.Kind));
    }

    [Fact]
    public void A_missing_row_is_a_deletion()
    {
        var rows = Chain(10);
        rows.RemoveAt(6);
        var found = AuditChain.Verify(rows)!;
        Assert.Equal((7L, AuditBreak.Deleted), (found.Seq, found.Kind));
    }

    [Fact]
    public void Deleting_the_last_rows_and_nothing_else_is_not_detectable_from_the_chain_alone()
    {
        // Documented limit: truncation at the end leaves a valid chain; the row count shown by `yiju audit verify` is the check.
        Assert.Null(AuditChain.Verify(Chain(10).Take(8)));
    }

    [Fact]
    public void A_duplicated_row_is_an_insertion()
    {
        var rows = Chain(5);
        rows.Insert(3, rows[2]);
        Assert.Equal(AuditBreak.Inserted, AuditChain.Verify(rows)!.Kind);
    }

    [Fact]
    public void Time_is_hashed_at_millisecond_precision_so_both_databases_read_back_the_same_hash()
    {
        var e = Chain(1)[0];
        var hash = AuditChain.ComputeHash(e);
        e.At = e.At.AddTicks(4321);
        Assert.Equal(hash, AuditChain.ComputeHash(e));
    }
}
