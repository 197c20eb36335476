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

    /// <summary>"osm", "csv", "geojson" or "form".</summary>
    public required string Source { get; set; }

    /// <summary>The source's own id (e.g. "n334358067" for an OSM node), for re-imports without duplicates.</summary>
    public string? SourceRef { get; set; }

    public string? DistrictCode { get; set; }
    public string? StreetCode { get; set; }
    public int Version { get; set; }
}
