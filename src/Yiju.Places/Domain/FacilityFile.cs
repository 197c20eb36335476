using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Yiju.Places.Domain;

/// <summary>A facility read from a file, before it is stored. <see cref="Note"/> explains a guessed type.</summary>
public sealed record FacilityRecord(string TypeCode, string Name, double Latitude, double Longitude, double? Capacity, string? SourceRef, string? Note);

/// <summary>What a file held: the facilities we keep, the rows refused (with why), and OSM features of kinds we do not analyse.</summary>
public sealed record FacilityFileResult(IReadOnlyList<FacilityRecord> Facilities, IReadOnlyList<string> Errors, IReadOnlyDictionary<string, int> Skipped);

/// <summary>
/// Reads facilities from GeoJSON (a FeatureCollection of Points, Polygons or MultiPolygons) or CSV. A feature names its
/// type either with our code (<c>type_code</c>) or, for the OSM-derived Harbin file, with its <c>category</c> and
/// <c>matched_tag</c>, mapped by <see cref="MapOsm"/>.
/// </summary>
public static class FacilityFile
{
    public const int MaxNameLength = 200;

    public static FacilityFileResult ReadGeoJson(Stream stream, ISet<string> knownTypes)
    {
        var facilities = new List<FacilityRecord>();
        var errors = new List<string>();
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            return new([], [$"不是有效的 GeoJSON (not valid GeoJSON): {e.Message}"], skipped);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                return new([], ["GeoJSON 须为 FeatureCollection (a FeatureCollection is required)"], skipped);
            var n = 0;
            foreach (var feature in features.EnumerateArray())
            {
                n++;
                try
                {
                    var props = feature.GetProperty("properties");
                    var (lat, lon, areaM2) = Position(feature.GetProperty("geometry"));
                    var sourceRef = feature.TryGetProperty("id", out var id) ? id.ToString() : null;
                    var name = Text(props, "name") ?? Text(props, "name:zh") ?? "";
                    string? code;
                    string? note = null;
                    if (Text(props, "type_code") is { } given)
                    {
                        code = given;
                    }
                    else
                    {
                        (code, note) = MapOsm(Text(props, "category") ?? "", Text(props, "matched_tag") ?? "", name, Text(props, "social_facility"), areaM2);
                    }

                    if (code is null)
                    {
                        var key = note ?? (Text(props, "category") ?? "?");
                        skipped[key] = skipped.GetValueOrDefault(key) + 1;
                        continue;
                    }

                    if (!knownTypes.Contains(code))
                    {
                        errors.Add($"要素 {n}: 未知设施类型 '{code}' (unknown facility type)");
                        continue;
                    }

                    var capacity = Number(props, "capacity") ?? (code.StartsWith("park", StringComparison.Ordinal) ? areaM2 : null);
                    facilities.Add(new FacilityRecord(code, Name(name, code), lat, lon, capacity, sourceRef, note));
                }
                catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or JsonException)
                {
                    errors.Add($"要素 {n}: 几何或属性无效 (invalid geometry or properties): {e.Message}");
                }
            }
        }

        return new(facilities, errors, skipped);
    }

    /// <summary>CSV with a header: type_code,name,lat,lon[,capacity].</summary>
    public static FacilityFileResult ReadCsv(TextReader reader, ISet<string> knownTypes)
    {
        var facilities = new List<FacilityRecord>();
        var errors = new List<string>();
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, MissingFieldFound = null });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null
            || !new[] { "type_code", "name", "lat", "lon" }.All(h => csv.HeaderRecord.Contains(h, StringComparer.Ordinal)))
            return new([], ["CSV 表头须含 type_code,name,lat,lon (header must have type_code,name,lat,lon)"], new Dictionary<string, int>());
        var row = 1;
        while (csv.Read())
        {
            row++;
            var code = csv.GetField("type_code") ?? "";
            var name = csv.GetField("name") ?? "";
            if (!knownTypes.Contains(code))
            {
                errors.Add($"第 {row} 行: 未知设施类型 '{code}' (unknown facility type)");
                continue;
            }

            if (!TryDouble(csv.GetField("lat"), out var lat) || !TryDouble(csv.GetField("lon"), out var lon) || lat is < -90 or > 90 || lon is < -180 or > 180)
            {
                errors.Add($"第 {row} 行: 坐标无效 (invalid coordinates)");
                continue;
            }

            double? capacity = null;
            var capText = csv.HeaderRecord.Contains("capacity", StringComparer.Ordinal) ? csv.GetField("capacity") : null;
            if (!string.IsNullOrEmpty(capText))
            {
                if (!TryDouble(capText, out var c) || c < 0)
                {
                    errors.Add($"第 {row} 行: 容量无效 (invalid capacity)");
                    continue;
                }

                capacity = c;
            }

            facilities.Add(new FacilityRecord(code, Name(name, code), lat, lon, capacity, null, null));
        }

        return new(facilities, errors, new Dictionary<string, int>());
    }

    /// <summary>
    /// OSM category and tag → our type. amenity=school is split by name (小学 → primary; 中学/初中 → middle; otherwise
    /// primary, with a note that the type was guessed). Hospitals and clinics stand in for community health centres
    /// (OSM rarely tags 社区卫生服务中心 apart). Parks are levelled by area against Table 4.0.4's minimum sizes;
    /// smaller greens (many leisure=garden are compound lawns) and parks mapped as points are not counted.
    /// </summary>
    public static (string? Code, string? Note) MapOsm(string category, string matchedTag, string name, string? socialFacility, double? areaM2)
    {
        switch (matchedTag)
        {
            case "amenity=kindergarten": return (FacilityTypeCatalogue.Kindergarten, null);
            case "amenity=childcare": return (FacilityTypeCatalogue.Childcare, null);
            case "amenity=school":
                if (name.Contains("小学", StringComparison.Ordinal))
                    return (FacilityTypeCatalogue.PrimarySchool, null);
                if (name.Contains("中学", StringComparison.Ordinal) || name.Contains("初中", StringComparison.Ordinal))
                    return (FacilityTypeCatalogue.MiddleSchool, null);
                return (FacilityTypeCatalogue.PrimarySchool, "amenity=school 名称未说明学段，按小学计 (school level guessed as primary)");
            case "amenity=hospital" or "amenity=clinic" or "amenity=doctors":
                return (FacilityTypeCatalogue.HealthCentre, "医院/诊所代社区卫生服务中心 (hospital or clinic standing in for a community health centre)");
            case "shop=supermarket" or "shop=greengrocer" or "amenity=marketplace":
                return (FacilityTypeCatalogue.Market, null);
            case "leisure=park" or "leisure=garden":
                if (areaM2 is null)
                    return (null, "park mapped as a point (size unknown)");
                return areaM2.Value switch
                {
                    >= 50_000 => (FacilityTypeCatalogue.Park15, null),
                    >= 10_000 => (FacilityTypeCatalogue.Park10, null),
                    >= 4_000 => (FacilityTypeCatalogue.Park5, null),
                    _ => (null, "park or garden under 0.4 ha (below Table 4.0.4)"),
                };
        }

        if (category == "elderly_social")
        {
            return socialFacility is "nursing_home" or "assisted_living"
                ? (FacilityTypeCatalogue.ElderlyCareHome, null)
                : (FacilityTypeCatalogue.ElderlyDayCare, null);
        }

        return (null, category.Length == 0 ? "?" : category);
    }

    private static string Name(string name, string code) =>
        string.IsNullOrWhiteSpace(name) ? $"({code})" : name.Length > MaxNameLength ? name[..MaxNameLength] : name;

    private static string? Text(JsonElement props, string key) =>
        props.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static double? Number(JsonElement props, string key) =>
        props.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static bool TryDouble(string? s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>A point's position, or a polygon's centroid and area (of the first polygon of a MultiPolygon).</summary>
    private static (double Lat, double Lon, double? Area) Position(JsonElement geometry)
    {
        var type = geometry.GetProperty("type").GetString();
        var coords = geometry.GetProperty("coordinates");
        (double Lat, double Lon) Pt(JsonElement p) => (p[1].GetDouble(), p[0].GetDouble());
        switch (type)
        {
            case "Point":
                var (lat, lon) = Pt(coords);
                if (lat is < -90 or > 90 || lon is < -180 or > 180)
                    throw new FormatException("coordinates out of range");
                return (lat, lon, null);
            case "Polygon" or "MultiPolygon":
                var polygons = type == "Polygon" ? [coords] : coords.EnumerateArray().ToList();
                double total = 0, wLat = 0, wLon = 0;
                foreach (var polygon in polygons)
                {
                    var shell = polygon[0].EnumerateArray().Select(Pt).ToList();
                    var (a, cLat, cLon) = PopulationEstimate.AreaAndCentroid(shell);
                    foreach (var hole in polygon.EnumerateArray().Skip(1))
                        a -= PopulationEstimate.AreaAndCentroid(hole.EnumerateArray().Select(Pt).ToList()).Area;
                    total += a;
                    wLat += cLat * a;
                    wLon += cLon * a;
                }

                if (total <= 0)
                    throw new FormatException("polygon without area");
                return (wLat / total, wLon / total, total);
            default:
                throw new FormatException($"geometry type '{type}' is not supported");
        }
    }
}
