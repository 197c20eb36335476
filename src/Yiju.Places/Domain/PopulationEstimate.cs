using System.Globalization;
using Yiju.Routing.Osm;

namespace Yiju.Places.Domain;

/// <summary>
/// An ESTIMATE of where people live, from OSM residential buildings, for when no census data is loaded. Every unit it
/// makes is marked <see cref="PopulationUnit.IsEstimate"/> and the UI labels figures from it as estimates.
/// Method: a building counts as residential when tagged building=apartments|residential|house|detached|
/// semidetached_house|terrace|dormitory, or building=yes with its centroid inside a landuse=residential area.
/// People = footprint × storeys ÷ <see cref="FloorAreaPerPerson"/>; storeys from building:levels, else
/// <see cref="DefaultStoreys"/>. Age groups are fixed shares of the total (<see cref="Shares"/>). Footprints under
/// 30 m² (sheds, kiosks) are skipped. Residential land with no mapped buildings is not counted: OSM building coverage
/// in Harbin is incomplete, so the estimate undercounts, and unevenly.
/// </summary>
public sealed class PopulationEstimate : IOsmHandler
{
    /// <summary>m² of floor area per resident: 36.52, urban family households, 2020 national census (第七次全国人口普查), as recalled, not checked here.</summary>
    public const double FloorAreaPerPerson = 36.52;

    /// <summary>Storeys assumed when OSM has no building:levels: Harbin's common walk-up residential block height (our assumption).</summary>
    public const int DefaultStoreys = 6;

    /// <summary>
    /// Age shares: Heilongjiang's 2020 census (0–14: 10.32%, 65+: 15.61%, as recalled, not checked here), with 0–14
    /// split evenly per year of age: 0–3 and 3–6 and 12–15 are 3/15 of it each, 6–12 is 6/15.
    /// </summary>
    public static AgeCounts Shares { get; } = new(1, 0.1032 * 3 / 15, 0.1032 * 3 / 15, 0.1032 * 6 / 15, 0.1032 * 3 / 15, 0.1561);

    private static readonly HashSet<string> ResidentialBuildings = new(StringComparer.Ordinal)
    {
        "apartments", "residential", "house", "detached", "semidetached_house", "terrace", "dormitory",
    };

    private readonly Dictionary<long, (int Lat, int Lon)> _nodes = [];
    private readonly List<(long[] Refs, int Levels, bool Explicit)> _buildings = [];
    private readonly List<long[]> _residentialLand = [];

    public void Node(long id, int latE7, int lonE7) => _nodes[id] = (latE7, lonE7);

    public void Way(long id, ReadOnlySpan<long> refs, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        string? building = null, landuse = null, levels = null;
        foreach (var (k, v) in tags)
        {
            switch (k)
            {
                case "building": building = v; break;
                case "landuse": landuse = v; break;
                case "building:levels": levels = v; break;
            }
        }

        if (refs.Length < 4 || refs[0] != refs[^1])
            return;
        if (building is not null)
        {
            var isResidential = ResidentialBuildings.Contains(building);
            if (isResidential || building == "yes")
                _buildings.Add((refs.ToArray(), ParseLevels(levels), isResidential));
        }
        else if (landuse == "residential")
        {
            _residentialLand.Add(refs.ToArray());
        }
    }

    private static int ParseLevels(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100 ? n : DefaultStoreys;

    /// <summary>The estimated units, one per residential building, after the file has been read.</summary>
    public List<(double Latitude, double Longitude, AgeCounts Counts)> Units()
    {
        var land = _residentialLand.Select(Ring).Where(r => r.Length >= 4).Select(r => new LandPolygon(r)).ToList();
        var units = new List<(double, double, AgeCounts)>();
        foreach (var (refs, levels, isExplicit) in _buildings)
        {
            var ring = Ring(refs);
            if (ring.Length < 4)
                continue;
            var (area, lat, lon) = AreaAndCentroid(ring);
            if (area < 30)
                continue;
            if (!isExplicit && !land.Any(l => l.Contains(lat, lon)))
                continue;
            var people = area * levels / FloorAreaPerPerson;
            units.Add((lat, lon, new AgeCounts(people, people * Shares.Age0To3, people * Shares.Age3To6, people * Shares.Age6To12,
                people * Shares.Age12To15, people * Shares.Age65Plus)));
        }

        return units;
    }

    private (double Lat, double Lon)[] Ring(long[] refs)
    {
        var ring = new List<(double, double)>(refs.Length);
        foreach (var r in refs)
        {
            if (!_nodes.TryGetValue(r, out var n))
                return []; // clipped at the extract's edge: its footprint is unknown
            ring.Add((n.Lat * 1e-7, n.Lon * 1e-7));
        }

        return [.. ring];
    }

    /// <summary>Area in m² and centroid of a closed ring, in a local plane (metres per degree at the ring's latitude).</summary>
    public static (double Area, double Latitude, double Longitude) AreaAndCentroid(IReadOnlyList<(double Lat, double Lon)> ring)
    {
        var lat0 = ring[0].Lat;
        var lon0 = ring[0].Lon;
        var mx = 111_320 * Math.Cos(double.DegreesToRadians(lat0));
        const double my = 110_574;
        double a = 0, cx = 0, cy = 0;
        for (var i = 0; i < ring.Count - 1; i++)
        {
            var x0 = (ring[i].Lon - lon0) * mx;
            var y0 = (ring[i].Lat - lat0) * my;
            var x1 = (ring[i + 1].Lon - lon0) * mx;
            var y1 = (ring[i + 1].Lat - lat0) * my;
            var cross = (x0 * y1) - (x1 * y0);
            a += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }

        if (Math.Abs(a) < 1e-9)
            return (0, lat0, lon0);
        cx /= 3 * a;
        cy /= 3 * a;
        return (Math.Abs(a) / 2, lat0 + (cy / my), lon0 + (cx / mx));
    }

    private sealed class LandPolygon((double Lat, double Lon)[] ring)
    {
        private readonly double _minLat = ring.Min(p => p.Lat), _maxLat = ring.Max(p => p.Lat);
        private readonly double _minLon = ring.Min(p => p.Lon), _maxLon = ring.Max(p => p.Lon);

        public bool Contains(double lat, double lon)
        {
            if (lat < _minLat || lat > _maxLat || lon < _minLon || lon > _maxLon)
                return false;
            var inside = false;
            for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
            {
                if ((ring[i].Lat > lat) != (ring[j].Lat > lat)
                    && lon < ((ring[j].Lon - ring[i].Lon) * (lat - ring[i].Lat) / (ring[j].Lat - ring[i].Lat)) + ring[i].Lon)
                    inside = !inside;
            }

            return inside;
        }
    }
}
