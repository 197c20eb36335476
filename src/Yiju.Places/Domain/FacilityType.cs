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

    /// <summary>
    /// When <see cref="ClauseChecked"/>: the text that was read to check it (which copy of the standard, where). Otherwise
    /// why it could not be checked. Shown next to the clause on every page that prints it.
    /// </summary>
    public string? ClauseVerification { get; set; }

    public int Version { get; set; }
}

/// <summary>What a planner may change on a facility type, and the bounds that keep an analysis meaningful.</summary>
public sealed record FacilityTypeEdit(
    string? Name,
    string? NameEn,
    LifeCircleLevel? Level,
    double? WalkingDistance,
    AgeGroup? TargetGroup,
    CapacityUnit? CapacityUnit,
    double? DefaultCapacity,
    string? Clause,
    bool ClauseChecked,
    string? ClauseVerification)
{
    public const int MaxClauseLength = 300;
    public const int MaxVerificationLength = 500;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 100)
            errors["name"] = ["名称必填，不超过100字 (name required, at most 100 characters)"];
        if (NameEn is { Length: > 100 })
            errors["nameEn"] = ["英文名不超过100字 (English name at most 100 characters)"];
        if (Level is not { } level || !Enum.IsDefined(level))
            errors["level"] = ["生活圈须为5、10或15分钟 (life circle must be 5, 10 or 15 minutes)"];
        if (WalkingDistance is not { } d || !double.IsFinite(d) || d < 50 || d > 5000)
            errors["walkingDistance"] = ["步行距离须在50–5000米之间 (walking distance must be 50–5000 m)"];
        if (TargetGroup is not { } g || !Enum.IsDefined(g))
            errors["targetGroup"] = ["年龄组无效 (unknown age group)"];
        if (CapacityUnit is not { } u || !Enum.IsDefined(u))
            errors["capacityUnit"] = ["容量单位无效 (unknown capacity unit)"];
        if (DefaultCapacity is not { } c || !double.IsFinite(c) || c <= 0 || c > 1e9)
            errors["defaultCapacity"] = ["默认容量须为正数 (default capacity must be positive)"];
        if (string.IsNullOrWhiteSpace(Clause) || Clause.Trim().Length > MaxClauseLength)
            errors["clause"] = ["条款出处必填，不超过300字 (clause citation required, at most 300 characters)"];
        if (ClauseVerification is { Length: > MaxVerificationLength })
            errors["clauseVerification"] = ["核对说明不超过500字 (verification note at most 500 characters)"];
        if (ClauseChecked && string.IsNullOrWhiteSpace(ClauseVerification))
            errors["clauseVerification"] = ["标为已核对时须写明核对所依据的原文出处 (a checked clause needs the source it was checked against)"];
        return errors;
    }
}
