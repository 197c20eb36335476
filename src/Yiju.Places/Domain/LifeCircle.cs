namespace Yiju.Places.Domain;

/// <summary>The residential life circles of GB 50180-2018 (城市居住区规划设计标准), named by walking time.</summary>
public enum LifeCircleLevel
{
    FiveMinute = 5,
    TenMinute = 10,
    FifteenMinute = 15,
}

/// <summary>The age group a facility type serves; <see cref="All"/> means every resident.</summary>
public enum AgeGroup
{
    All = 0,
    Age0To3 = 1,
    Age3To6 = 2,
    Age6To12 = 3,
    Age12To15 = 4,
    Age65Plus = 5,
}

/// <summary>What a facility's capacity counts.</summary>
public enum CapacityUnit
{
    Places = 1,
    Beds = 2,
    SquareMetres = 3,
}

public static class LifeCircles
{
    /// <summary>
    /// The walking distance that defines each circle: GB 50180-2018 clauses 2.0.2–2.0.4 and Table 3.0.4
    /// (居住区分级控制规模): 15-minute 800–1000 m, 10-minute 500 m, 5-minute 300 m. We take the upper
    /// 1000 m for the 15-minute circle, as the standard's "不宜大于" wording reads.
    /// </summary>
    public static double StandardDistance(LifeCircleLevel level) => level switch
    {
        LifeCircleLevel.FiveMinute => 300,
        LifeCircleLevel.TenMinute => 500,
        LifeCircleLevel.FifteenMinute => 1000,
    };
}

/// <summary>People at a place, in total and by the age groups the standard's facilities serve.</summary>
public readonly record struct AgeCounts(double Total, double Age0To3, double Age3To6, double Age6To12, double Age12To15, double Age65Plus)
{
    public double For(AgeGroup group) => group switch
    {
        AgeGroup.All => Total,
        AgeGroup.Age0To3 => Age0To3,
        AgeGroup.Age3To6 => Age3To6,
        AgeGroup.Age6To12 => Age6To12,
        AgeGroup.Age12To15 => Age12To15,
        AgeGroup.Age65Plus => Age65Plus,
    };
}
