using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using Yiju.Kernel.Geo;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Features;

/// <summary>
/// Point → district and street, from the boundaries in the database. The polygons are loaded once into an
/// STR-tree of prepared geometries (so a lookup tests only the few envelopes that contain the point) and rebuilt
/// lazily after an edit.
/// </summary>
public sealed class DistrictLookup(IServiceScopeFactory scopes) : IDistrictLookup
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private volatile Index? _index;
    private readonly Lock _gate = new();

    public DistrictMatch? Find(GeoPoint point)
    {
        if (!point.IsValid)
            return null;
        var index = _index ?? Load();
        var p = Factory.CreatePoint(new Coordinate(point.Longitude, point.Latitude));
        var district = Hit(index.Districts, p);
        if (district is null)
            return null;
        var street = Hit(index.Streets, p);
        if (street is not null && !street.Path.StartsWith(district.Path, StringComparison.Ordinal))
            street = null;
        return new DistrictMatch(district.Id, district.Code, district.Name, street?.Id, street?.Code, street?.Name);
    }

    public void Invalidate() => _index = null;

    private static Entry? Hit(STRtree<Entry> tree, Point p) =>
        tree.Query(p.EnvelopeInternal).FirstOrDefault(e => e.Shape.Covers(p));

    private Index Load()
    {
        lock (_gate)
        {
            if (_index is { } ready)
                return ready;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<IOrganisationDb>();
            var rows = db.Units.AsNoTracking()
                .Where(u => (u.Level == UnitLevel.District || u.Level == UnitLevel.Street) && u.BoundaryGeoJson != null)
                .Select(u => new { u.Id, u.Code, u.Name, u.Level, u.Path, u.BoundaryGeoJson })
                .ToList();
            var districts = new STRtree<Entry>();
            var streets = new STRtree<Entry>();
            foreach (var r in rows)
            {
                var geometry = ParseGeometry(r.BoundaryGeoJson!);
                var entry = new Entry(r.Id, r.Code, r.Name, r.Path, PreparedGeometryFactory.Prepare(geometry));
                (r.Level == UnitLevel.District ? districts : streets).Insert(geometry.EnvelopeInternal, entry);
            }
            districts.Build();
            streets.Build();
            _index = new Index(districts, streets);
            return _index;
        }
    }

    public static Geometry ParseGeometry(string geoJson) => GeoJsonGeometry.Parse(geoJson, Factory);

    private sealed record Entry(long Id, string Code, string Name, string Path, IPreparedGeometry Shape);

    private sealed record Index(STRtree<Entry> Districts, STRtree<Entry> Streets);
}
