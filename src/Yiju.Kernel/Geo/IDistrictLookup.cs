namespace Yiju.Kernel.Geo;

/// <summary>Finds the district-level unit and street that contain a WGS84 point.</summary>
public interface IDistrictLookup
{
    /// <summary>Null when the point lies outside every loaded district.</summary>
    DistrictMatch? Find(GeoPoint point);
}

/// <summary>The district (always) and the street (when one of the loaded street polygons contains the point).</summary>
public sealed record DistrictMatch(long DistrictId, string DistrictCode, string DistrictName, long? StreetId, string? StreetCode, string? StreetName);
