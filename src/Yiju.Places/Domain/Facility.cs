using Yiju.Kernel.Auditing;

namespace Yiju.Places.Domain;

/// <summary>A public service facility at a point. Edits are audited.</summary>
public sealed class Facility : IVersioned
{
    public long Id { get; set; }
    public long FacilityTypeId { get; set; }
    public required string Name { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    /// <summary>Places, beds or m² as the type's <see cref="FacilityType.CapacityUnit"/> says; null when unknown.</summary>
    public double? Capacity { get; set; }

    /// <summary>A street address as a person would write it; optional (OSM imports rarely have one).</summary>
    public string? Address { get; set; }

    /// <summary>"osm", "csv", "geojson" or "form".</summary>
    public required string Source { get; set; }

    /// <summary>The source's own id (e.g. "n334358067" for an OSM node), for re-imports without duplicates.</summary>
    public string? SourceRef { get; set; }

    public string? DistrictCode { get; set; }
    public string? StreetCode { get; set; }
    public int Version { get; set; }
}

/// <summary>Rules for a facility entered by hand.</summary>
public static class FacilityRules
{
    public const int MaxAddressLength = 200;

    /// <summary>The per-field problems of a facility form; empty when it may be saved.</summary>
    public static Dictionary<string, string[]> Validate(string? name, double? latitude, double? longitude, double? capacity, string? address)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > FacilityFile.MaxNameLength)
            errors["name"] = ["名称必填，不超过200字 (name required, at most 200 characters)"];
        if (latitude is not { } lat || longitude is not { } lon || !double.IsFinite(lat) || !double.IsFinite(lon) || lat is < -90 or > 90 || lon is < -180 or > 180)
            errors["latitude"] = ["请在地图上选点或填写有效坐标 (pick the point on the map or enter valid coordinates)"];
        if (capacity is { } c && (!double.IsFinite(c) || c < 0 || c > 1e9))
            errors["capacity"] = ["容量须为非负数 (capacity must be a non-negative number)"];
        if (address is { Length: > MaxAddressLength })
            errors["address"] = ["地址不超过200字 (address at most 200 characters)"];
        return errors;
    }
}
