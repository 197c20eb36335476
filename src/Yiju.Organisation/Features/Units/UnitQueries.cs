using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Features.Units;

public sealed record UnitSummary(long Id, string Code, string Name, string? NameEn, UnitLevel Level, DistrictKind? Kind, string? ParentCode, string Path, bool HasBoundary);

public sealed record UnitDetail(UnitSummary Unit, IReadOnlyList<UnitSummary> Ancestors, IReadOnlyList<UnitSummary> Children, string? BoundarySource, int Version);

public sealed record UnitCounts(int Districts, int Streets, int Communities, int Departments, int People);

/// <summary>Read side of the organisation: lists, one unit with its children, boundary layers for the map.</summary>
public sealed class UnitQueries(IOrganisationDb db)
{
    public async Task<IReadOnlyList<UnitSummary>> List(UnitLevel? level, string? parentCode, string? search, CancellationToken ct)
    {
        var query = db.Units.AsNoTracking();
        if (level is { } l)
            query = query.Where(u => u.Level == l);
        if (!string.IsNullOrWhiteSpace(parentCode))
        {
            var parentId = await db.Units.Where(u => u.Code == parentCode).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
            query = query.Where(u => u.ParentId == parentId);
        }
        if (!string.IsNullOrWhiteSpace(search))
            query = query.Where(u => u.Name.Contains(search) || u.Code.Contains(search));
        return await Project(query.OrderBy(u => u.Level).ThenBy(u => u.Code)).ToListAsync(ct);
    }

    public async Task<UnitDetail?> Get(string code, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null)
            return null;
        var summary = (await Project(db.Units.AsNoTracking().Where(u => u.Id == unit.Id)).ToListAsync(ct))[0];
        var ancestorCodes = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(c => c != unit.Code).ToList();
        var ancestors = await Project(db.Units.AsNoTracking().Where(u => ancestorCodes.Contains(u.Code)).OrderBy(u => u.Level)).ToListAsync(ct);
        var children = await Project(db.Units.AsNoTracking().Where(u => u.ParentId == unit.Id).OrderBy(u => u.Code)).ToListAsync(ct);
        return new UnitDetail(summary, ancestors, children, unit.BoundarySource, unit.Version);
    }

    public async Task<UnitCounts> Counts(CancellationToken ct) => new(
        await db.Units.CountAsync(u => u.Level == UnitLevel.District, ct),
        await db.Units.CountAsync(u => u.Level == UnitLevel.Street, ct),
        await db.Units.CountAsync(u => u.Level == UnitLevel.Community, ct),
        await db.Departments.CountAsync(d => d.Active, ct),
        await db.People.CountAsync(p => p.Active, ct));

    /// <summary>A GeoJSON FeatureCollection of the units of one level that have a boundary, for Leaflet.</summary>
    public async Task<string> Boundaries(UnitLevel level, CancellationToken ct)
    {
        var rows = await db.Units.AsNoTracking()
            .Where(u => u.Level == level && u.BoundaryGeoJson != null)
            .OrderBy(u => u.Code)
            .Select(u => new { u.Code, u.Name, u.NameEn, u.Level, u.BoundaryGeoJson })
            .ToListAsync(ct);
        var features = new JsonArray();
        foreach (var r in rows)
        {
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject { ["code"] = r.Code, ["name"] = r.Name, ["nameEn"] = r.NameEn, ["level"] = r.Level.ToString() },
                ["geometry"] = JsonNode.Parse(r.BoundaryGeoJson!),
            });
        }
        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private IQueryable<UnitSummary> Project(IQueryable<Unit> query) =>
        from u in query
        join p in db.Units on u.ParentId equals p.Id into parents
        from p in parents.DefaultIfEmpty()
        select new UnitSummary(u.Id, u.Code, u.Name, u.NameEn, u.Level, u.Kind, p == null ? null : p.Code, u.Path, u.BoundaryGeoJson != null);
}
