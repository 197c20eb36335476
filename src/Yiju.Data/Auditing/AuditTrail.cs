using Microsoft.EntityFrameworkCore;

namespace Yiju.Data.Auditing;

public sealed record AuditRow(long Seq, DateTime At, string Actor, string Action, string EntityType, string EntityId, string? Before, string? After, string Hash);

public sealed record AuditFilter(string? Actor = null, string? EntityType = null, string? EntityId = null, DateTime? FromUtc = null, DateTime? ToUtc = null, int Page = 1, int PageSize = 50);

/// <summary>Reads the trail for the admin page and verifies the chain for `yiju audit verify`.</summary>
public sealed class AuditTrail(YijuDb db)
{
    public async Task<(IReadOnlyList<AuditRow> Rows, int Total)> Search(AuditFilter filter, CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
            q = q.Where(a => a.Actor == filter.Actor);
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
            q = q.Where(a => a.EntityType == filter.EntityType);
        if (!string.IsNullOrWhiteSpace(filter.EntityId))
            q = q.Where(a => a.EntityId == filter.EntityId);
        if (filter.FromUtc is { } from)
            q = q.Where(a => a.At >= from);
        if (filter.ToUtc is { } to)
            q = q.Where(a => a.At < to);
        var total = await q.CountAsync(ct);
        var pageSize = Math.Clamp(filter.PageSize, 1, 200);
        var page = Math.Max(1, filter.Page);
        var rows = await q.OrderByDescending(a => a.Seq).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new AuditRow(a.Seq, a.At, a.Actor, a.Action, a.EntityType, a.EntityId, a.Before, a.After, a.Hash))
            .ToListAsync(ct);
        return (rows, total);
    }

    public Task<List<string>> EntityTypes(CancellationToken ct) =>
        db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);

    /// <summary>Streams the whole chain in order, in batches, so verification of a long trail stays in bounded memory.</summary>
    public async Task<(long Rows, AuditChainBreak? Break)> Verify(CancellationToken ct)
    {
        const int batch = 5000;
        var walker = new AuditChainWalker();
        long after = 0;
        long count = 0;
        while (true)
        {
            var rows = await db.AuditEntries.AsNoTracking().Where(a => a.Seq > after).OrderBy(a => a.Seq).Take(batch).ToListAsync(ct);
            if (rows.Count == 0)
                return (count, null);
            foreach (var row in rows)
            {
                if (walker.Next(row) is { } found)
                    return (count, found);
                count++;
            }
            after = rows[^1].Seq;
        }
    }
}
