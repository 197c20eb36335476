using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;

namespace Yiju.Hotline.Features.Deadlines;

/// <summary>
/// A lease in the database so that one node at a time runs a scheduled job. One conditional upsert takes a free or expired
/// lease, or renews the caller's own; the database applies it atomically, so of two nodes racing exactly one gets the row.
/// The same SQL runs on SQLite (3.24+) and PostgreSQL. A node that dies simply stops renewing: after the expiry another takes over.
/// </summary>
public static class JobLeases
{
    public static async Task<bool> TryAcquire(IHotlineDb db, string name, string holder, DateTime nowUtc, DateTime expiresUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO hotline_job_lease (name, holder, expires_at_utc) VALUES ({name}, {holder}, {expiresUtc})
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at_utc = excluded.expires_at_utc
            WHERE hotline_job_lease.holder = excluded.holder OR hotline_job_lease.expires_at_utc < {nowUtc}
            """, ct);
        return changed == 1;
    }

    /// <summary>Gives the lease up (on shutdown) so another node need not wait for it to expire.</summary>
    public static async Task Release(IHotlineDb db, string name, string holder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM hotline_job_lease WHERE name = {name} AND holder = {holder}", ct);
    }
}
