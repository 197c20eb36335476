using Yiju.Kernel.Indicators;

namespace Yiju.Programme.Domain;

/// <summary>A measure of a task, with its definition, baseline and targets.</summary>
public sealed class Indicator
{
    public long Id { get; set; }

    public long TaskId { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string Unit { get; set; } = "";

    public Direction Direction { get; set; }

    public IndicatorKind Kind { get; set; }

    public PeriodType Frequency { get; set; } = PeriodType.Year;

    public DistrictRollup Rollup { get; set; }

    public Accumulation Accumulation { get; set; }

    /// <summary>Whether departments report this indicator per district as well as for the city.</summary>
    public bool HasDistrictBreakdown { get; set; }

    /// <summary>The area the indicator speaks of when it is not the whole city (e.g. 主城区六区).</summary>
    public string Scope { get; set; } = "全市";

    public IndicatorBaseline? Baseline { get; set; }

    public List<IndicatorTarget> Targets { get; set; } = [];

    public long Version { get; set; }

    /// <summary>Rates and levels are read at a point; counts and amounts reported per period add up over time.</summary>
    public bool IsAdditiveOverTime =>
        Accumulation == Accumulation.PerPeriod && Kind is IndicatorKind.Count or IndicatorKind.Amount;

    /// <summary>The yearly target that applies in <paramref name="year"/> (a one-year target or a repeating one).</summary>
    public IndicatorTarget? AnnualTargetFor(int year, string? districtCode = null) =>
        Targets.Where(t => t.Kind == TargetKind.Annual && t.AppliesInYear(year)
                && string.Equals(t.DistrictCode, districtCode, StringComparison.Ordinal))
            .OrderByDescending(t => t.RepeatsEachYear ? 0 : 1)
            .FirstOrDefault();

    /// <summary>Plan-period targets, earliest deadline first. Several sources may set different deadlines.</summary>
    public IEnumerable<IndicatorTarget> PlanTargets(string? districtCode = null) =>
        Targets.Where(t => t.Kind == TargetKind.PlanPeriod
                && string.Equals(t.DistrictCode, districtCode, StringComparison.Ordinal))
            .OrderBy(t => t.DeadlineYear ?? int.MaxValue);
}

/// <summary>基期值: the value before the programme's change, against which progress is measured.</summary>
public sealed class IndicatorBaseline
{
    public double Value { get; set; }

    /// <summary>The year the baseline describes, when the source says.</summary>
    public int? Year { get; set; }

    public SourceReference Source { get; set; } = new("", "");

    public string? ComparabilityNote { get; set; }
}

/// <summary>
/// 目标值. A yearly target and a plan-period target ("到2026年 3万套") are different things and are kept apart
/// by <see cref="Kind"/>; several targets from different documents may exist for one indicator.
/// </summary>
public sealed class IndicatorTarget
{
    public long Id { get; set; }

    public long IndicatorId { get; set; }

    public TargetKind Kind { get; set; }

    /// <summary>First year of the window; null when the source gives no start ("到2025年").</summary>
    public int? FromYear { get; set; }

    /// <summary>The year the target must be reached by; null when the source gives none.</summary>
    public int? DeadlineYear { get; set; }

    /// <summary>"每年…": the value applies to every year from <see cref="FromYear"/> to <see cref="DeadlineYear"/>.</summary>
    public bool RepeatsEachYear { get; set; }

    public double Value { get; set; }

    /// <summary>Null for the city; a district code for a district's own target.</summary>
    public string? DistrictCode { get; set; }

    /// <summary>The area named by the source (全市, 主城区六区, 各区县(市) …).</summary>
    public string Scope { get; set; } = "全市";

    /// <summary>"每个区、县(市)…": the value applies to each district (or street) separately, not to their sum.</summary>
    public bool AppliesToEachUnit { get; set; }

    /// <summary>The period as the source gives it, e.g. "2022..2026" or "..2025".</summary>
    public string PeriodLabel { get; set; } = "";

    public SourceReference Source { get; set; } = new("", "");

    /// <summary>Shown beside the target when it does not measure quite what the actuals measure.</summary>
    public string? ComparabilityNote { get; set; }

    public long Version { get; set; }

    public bool AppliesInYear(int year) => Kind switch
    {
        TargetKind.Annual when RepeatsEachYear =>
            (FromYear is null || year >= FromYear) && (DeadlineYear is null || year <= DeadlineYear),
        TargetKind.Annual => DeadlineYear == year,
        TargetKind.PlanPeriod => (FromYear is null || year >= FromYear) && (DeadlineYear is null || year <= DeadlineYear),
        TargetKind.Undated => false,
        _ => false,
    };
}
