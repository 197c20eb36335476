using Yiju.Kernel.Auditing;

namespace Yiju.Places.Domain;

/// <summary>
/// A kind of public service facility with the life circle it belongs to and the walking distance it should lie
/// within. Kept as data so planners can correct a distance or add a type; the seeded values and their clauses are
/// in <see cref="FacilityTypeCatalogue"/>.
/// </summary>
public sealed class FacilityType : IVersioned
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public LifeCircleLevel Level { get; set; }

    /// <summary>Standard walking distance in metres: a resident farther than this is not served.</summary>
    public double WalkingDistance { get; set; }

    public AgeGroup TargetGroup { get; set; }
    public CapacityUnit CapacityUnit { get; set; }

    /// <summary>Capacity assumed for a facility whose own capacity is unknown (OSM has none); used by 2SFCA only.</summary>
    public double DefaultCapacity { get; set; }

    /// <summary>
    /// Types of one family (parks) form a hierarchy: a facility of a higher level also serves the lower levels' circles
    /// (a 15-minute residential park also counts as a 5-minute one).
    /// </summary>
    public string? Family { get; set; }

    /// <summary>Where the level and distance come from (clause or table of GB 50180-2018).</summary>
    public required string Clause { get; set; }

    /// <summary>True only when the clause was checked against the standard's text; false marks a value from secondary sources.</summary>
    public bool ClauseChecked { get; set; }

    public int Version { get; set; }
}
