namespace Yiju.Programme.Domain;

/// <summary>Which way is better for an indicator.</summary>
public enum Direction
{
    HigherIsBetter = 0,
    LowerIsBetter = 1,

    /// <summary>Descriptive only: no target status is computed.</summary>
    ForInformation = 2,
}

public enum IndicatorKind
{
    /// <summary>Things counted: flats, schools, people (may be in 万).</summary>
    Count = 0,

    /// <summary>Money or area and similar additive quantities.</summary>
    Amount = 1,

    /// <summary>A percentage that is numerator ÷ denominator × 100, bounded by 0–100.</summary>
    Rate = 2,

    /// <summary>A level or standard in force (minutes, years of life, growth %): not additive, not bounded.</summary>
    Level = 3,
}

/// <summary>How district figures make the city figure.</summary>
public enum DistrictRollup
{
    Sum = 0,

    /// <summary>Σ numerators ÷ Σ denominators × 100; averaging district rates would weight small districts wrongly.</summary>
    NumeratorDenominator = 1,

    /// <summary>The city figure is reported on its own (levels, city-wide policies).</summary>
    None = 2,
}

public enum Accumulation
{
    /// <summary>Each period's value counts only that period (flats raised in 2023).</summary>
    PerPeriod = 0,

    /// <summary>Each value is a running total or stock at the period's end (volunteers registered so far).</summary>
    Cumulative = 1,
}

public enum TargetKind
{
    /// <summary>Applies to one calendar year (or, when <see cref="IndicatorTarget.RepeatsEachYear"/>, to each year of a window).</summary>
    Annual = 0,

    /// <summary>To be reached by the end of a multi-year window, e.g. "到2026年 3万套".</summary>
    PlanPeriod = 1,

    /// <summary>The source gives no timeframe; shown, never assessed against 序时进度.</summary>
    Undated = 2,
}

public enum ValueStatus
{
    Draft = 0,
    Submitted = 1,
    Approved = 2,
    Returned = 3,
}

/// <summary>Outcome of comparing progress with 序时进度.</summary>
public enum ProgressStatus
{
    Met = 0,
    OnTrack = 1,
    AtRisk = 2,
    Lagging = 3,

    /// <summary>No target, no actual, a for-information indicator, or an undated target not yet met.</summary>
    NotAssessable = 4,
}
