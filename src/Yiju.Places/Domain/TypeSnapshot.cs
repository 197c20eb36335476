namespace Yiju.Places.Domain;

/// <summary>
/// A facility type as a run used it. Runs keep these, so editing a type (a distance, a clause) applies to new runs
/// only and an old run can still say which standard it was measured against.
/// </summary>
public sealed record TypeSnapshot(
    string Code,
    string Name,
    string? NameEn,
    LifeCircleLevel Level,
    double WalkingDistance,
    AgeGroup TargetGroup,
    CapacityUnit CapacityUnit,
    double DefaultCapacity,
    string? Family,
    string Clause,
    bool ClauseChecked)
{
    public static TypeSnapshot From(FacilityType t) =>
        new(t.Code, t.Name, t.NameEn, t.Level, t.WalkingDistance, t.TargetGroup, t.CapacityUnit, t.DefaultCapacity, t.Family, t.Clause, t.ClauseChecked);

    /// <summary>A detached type for the analysis (no id: the analysis matches facilities by code).</summary>
    public FacilityType ToType() => new()
    {
        Code = Code,
        Name = Name,
        NameEn = NameEn,
        Level = Level,
        WalkingDistance = WalkingDistance,
        TargetGroup = TargetGroup,
        CapacityUnit = CapacityUnit,
        DefaultCapacity = DefaultCapacity,
        Family = Family,
        Clause = Clause,
        ClauseChecked = ClauseChecked,
    };
}
