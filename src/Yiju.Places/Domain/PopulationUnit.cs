using Yiju.Kernel.Auditing;

namespace Yiju.Places.Domain;

/// <summary>
/// People living at a point (a residential building, compound or grid cell centroid). Loaded in bulk from a census
/// CSV or estimated from OSM buildings, so rows are not audited one by one; <see cref="IsEstimate"/> says which.
/// </summary>
[NotAudited]
public sealed class PopulationUnit
{
    public long Id { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public double Total { get; set; }
    public double Age0To3 { get; set; }
    public double Age3To6 { get; set; }
    public double Age6To12 { get; set; }
    public double Age12To15 { get; set; }
    public double Age65Plus { get; set; }
    public bool IsEstimate { get; set; }

    /// <summary>Where the figures come from, e.g. "OSM buildings estimate (harbin-central.osm.pbf)" or a census file name.</summary>
    public required string Source { get; set; }

    public string? DistrictCode { get; set; }
    public string? StreetCode { get; set; }
    public string? DistrictName { get; set; }
    public string? StreetName { get; set; }

    public AgeCounts Counts => new(Total, Age0To3, Age3To6, Age6To12, Age12To15, Age65Plus);
}
