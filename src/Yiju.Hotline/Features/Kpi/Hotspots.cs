using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Kpi;

public sealed record HotspotRow(string CategoryCode, string CategoryName, long AreaId, string AreaName, int Count, double BaselineMean, double BaselineSd,
    double Threshold, string DrillUrl);

public sealed record HotspotReport(string Month, string Level, int BaselineMonths, double K, int MinCount, IReadOnlyList<HotspotRow> Rows);

public sealed record HeatCell(double Lat, double Lon, int Count);

/// <summary>The heat map's grid: tickets with a map point counted per cell of <see cref="CellDegrees"/>° (about 550 m × 390 m in Harbin).</summary>
public sealed record HeatGrid(string Month, double CellDegrees, int Tickets, int WithoutPoint, IReadOnlyList<HeatCell> Cells);

/// <summary>
/// 热点: category × area spikes of the month against the previous months (<see cref="HotspotDetector"/>), counted in the
/// database by month, first-level category and area; and the heat map's grid of ticket points. Counts by area are published
/// to all hotline staff like the rankings; the grid and the tickets behind a hotspot follow the caller's read scope.
/// </summary>
public sealed class HotspotQueries(IHotlineDb db, IHotlineDirectory directory)
{
    public const double CellDegrees = 0.005;

    public async Task<Outcome<HotspotReport>> Month(YearMonth month, UnitKind level, Caller caller, CancellationToken ct)
    {
        if (await directory.ActorFor(caller, ct) is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        if (level is not (UnitKind.District or UnitKind.Street))
            return Failure.Invalid("level", "区域层级应为 District 或 Street (level must be District or Street)");
        var options = new HotspotOptions { AreaLevel = level };
        var counts = new List<AreaCount>();
        for (var m = month.AddMonths(-options.BaselineMonths); m.CompareTo(month) <= 0; m = m.Next())
        {
            var (start, end) = (m.StartUtc, m.EndUtc);
            var window = db.Tickets.AsNoTracking().Where(t => t.AcceptedAtUtc >= start && t.AcceptedAtUtc < end && t.Status != TicketStatus.Merged);
            var grouped = level == UnitKind.District
                ? await window.Where(t => t.DistrictId != null).GroupBy(t => new { t.CategoryCode, Area = t.DistrictId!.Value })
                    .Select(g => new { g.Key.CategoryCode, g.Key.Area, Count = g.Count() }).ToListAsync(ct)
                : await window.Where(t => t.StreetId != null).GroupBy(t => new { t.CategoryCode, Area = t.StreetId!.Value })
                    .Select(g => new { g.Key.CategoryCode, g.Key.Area, Count = g.Count() }).ToListAsync(ct);
            var monthOf = m;
            counts.AddRange(grouped.Select(g => new AreaCount(g.CategoryCode, g.Area, monthOf, g.Count)));
        }
        var hotspots = HotspotDetector.Detect(counts, month, options);
        var areas = (await directory.Units(level, ct)).ToDictionary(u => u.Id, u => u.Name);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.NameZh, StringComparer.Ordinal, ct);
        var rows = hotspots.Select(h => new HotspotRow(h.CategoryCode, categories.GetValueOrDefault(h.CategoryCode) ?? h.CategoryCode, h.AreaId,
                areas.GetValueOrDefault(h.AreaId) ?? h.AreaId.ToString(System.Globalization.CultureInfo.InvariantCulture), h.Count, h.BaselineMean, h.BaselineSd, h.Threshold,
                new DrillFilter(month, DrillKind.Area, Category: h.CategoryCode,
                    DistrictId: level == UnitKind.District ? h.AreaId : null, StreetId: level == UnitKind.Street ? h.AreaId : null).ToUrl()))
            .ToList();
        return new HotspotReport(month.ToString(), level.ToString(), options.BaselineMonths, options.K, options.MinCount, rows);
    }

    /// <summary>Tickets accepted in the month that the caller may see, binned to a grid; exact points never leave the server.</summary>
    public async Task<Outcome<HeatGrid>> Heat(YearMonth month, string? category, Caller caller, CancellationToken ct)
    {
        var actor = await directory.ActorFor(caller, ct);
        if (actor is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        if (category is { Length: > 80 })
            return Failure.Invalid("category", "分类代码过长 (category code too long)");
        var (start, end) = (month.StartUtc, month.EndUtc);
        var query = db.Tickets.AsNoTracking().Where(TicketScope.VisibleTo(actor))
            .Where(t => t.AcceptedAtUtc >= start && t.AcceptedAtUtc < end && t.Status != TicketStatus.Merged);
        if (!string.IsNullOrWhiteSpace(category))
        {
            var prefix = category.Trim();
            query = query.Where(t => t.CategoryCode == prefix || t.CategoryCode.StartsWith(prefix + "."));
        }
        var points = await query.Select(t => new { t.Latitude, t.Longitude }).ToListAsync(ct);
        var cells = points.Where(p => p.Latitude is not null && p.Longitude is not null)
            .GroupBy(p => (Lat: (int)Math.Floor(p.Latitude!.Value / CellDegrees), Lon: (int)Math.Floor(p.Longitude!.Value / CellDegrees)))
            .Select(g => new HeatCell(Math.Round((g.Key.Lat + 0.5) * CellDegrees, 6), Math.Round((g.Key.Lon + 0.5) * CellDegrees, 6), g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Lat).ThenBy(c => c.Lon)
            .ToList();
        return new HeatGrid(month.ToString(), CellDegrees, points.Count, points.Count(p => p.Latitude is null || p.Longitude is null), cells);
    }
}
