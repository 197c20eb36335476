using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Yiju.Organisation.Features;

/// <summary>
/// Reads GeoJSON Polygon and MultiPolygon geometries into NetTopologySuite. Written here because the
/// GeoJSON4STJ package's dependency (NetTopologySuite.Features) is not in this machine's registry, and only
/// these two types are needed for boundaries.
/// </summary>
public static class GeoJsonGeometry
{
    public static Geometry Parse(string geoJson, GeometryFactory factory)
    {
        using var doc = JsonDocument.Parse(geoJson);
        var root = doc.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (!root.TryGetProperty("coordinates", out var coords) || coords.ValueKind != JsonValueKind.Array)
            throw new JsonException("GeoJSON geometry has no coordinates array");
        return type switch
        {
            "Polygon" => Polygon(coords, factory),
            "MultiPolygon" => factory.CreateMultiPolygon(coords.EnumerateArray().Select(p => Polygon(p, factory)).ToArray()),
            _ => throw new JsonException($"GeoJSON geometry type '{type}' is not a Polygon or MultiPolygon"),
        };
    }

    private static Polygon Polygon(JsonElement rings, GeometryFactory factory)
    {
        var all = rings.EnumerateArray().Select(r => factory.CreateLinearRing(Ring(r))).ToArray();
        if (all.Length == 0)
            throw new JsonException("GeoJSON polygon without rings");
        return factory.CreatePolygon(all[0], all[1..]);
    }

    private static Coordinate[] Ring(JsonElement ring)
    {
        var coordinates = ring.EnumerateArray().Select(p =>
        {
            if (p.GetArrayLength() < 2)
                throw new JsonException("GeoJSON position needs longitude and latitude");
            return new Coordinate(p[0].GetDouble(), p[1].GetDouble());
        }).ToArray();
        if (coordinates.Length < 4 || !coordinates[0].Equals2D(coordinates[^1]))
            throw new JsonException("GeoJSON ring must be closed and have at least four positions");
        return coordinates;
    }
}
