using Yiju.Kernel.Auditing;

namespace Yiju.Organisation.Domain;

public enum UnitLevel
{
    City = 1,
    District = 2,
    Street = 3,
    Community = 4,
}

/// <summary>区, 县 or 县级市: all three are district-level units, but people name them differently.</summary>
public enum DistrictKind
{
    District = 1,
    County = 2,
    CountyLevelCity = 3,
}

/// <summary>
/// An administrative unit: the city, a district-level unit, a street or township, a community or village.
/// <see cref="Path"/> is the chain of codes from the city down ("/230100/230102/230102001/"), so that
/// "is this record inside my scope" is a prefix test. Codes are therefore fixed once a unit exists.
/// </summary>
public sealed class Unit : IVersioned
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public UnitLevel Level { get; set; }
    public DistrictKind? Kind { get; set; }
    public long? ParentId { get; set; }
    /// <summary>Set when a parent is created in the same save (an import naming a street added a few rows above).</summary>
    public Unit? Parent { get; set; }
    public string Path { get; set; } = "";
    /// <summary>WGS84 GeoJSON geometry (Polygon or MultiPolygon), or null where no boundary is known.</summary>
    public string? BoundaryGeoJson { get; set; }
    public double? CentroidLatitude { get; set; }
    public double? CentroidLongitude { get; set; }
    /// <summary>Where the boundary came from, shown next to the map.</summary>
    public string? BoundarySource { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public static string ChildPath(string parentPath, string code) => $"{parentPath}{code}/";

    public static UnitLevel? ChildLevelOf(UnitLevel level) => level switch
    {
        UnitLevel.City => UnitLevel.District,
        UnitLevel.District => UnitLevel.Street,
        UnitLevel.Street => UnitLevel.Community,
        UnitLevel.Community => null,
    };
}
