using System.Globalization;
using Yiju.Kernel.Indicators;

namespace Yiju.Programme.Domain;

/// <summary>
/// How far behind 序时进度 a target may be before its status changes. A target's "pace" is
/// share of target reached ÷ 序时进度: 1 means exactly on schedule.
/// </summary>
/// <param name="OnTrackMinPace">Pace at or above which a target is on track.</param>
/// <param name="AtRiskMinPace">Pace at or above which (and below on track) a target is at risk; below it, lagging.</param>
public sealed record StatusThresholds(double OnTrackMinPace = 0.95, double AtRiskMinPace = 0.80)
{
    public static StatusThresholds Default { get; } = new();
}

/// <summary>The result of comparing an actual with a target at a date, with everything the UI shows beside it.</summary>
/// <param name="MissingPeriods">
/// For a target that sums per-period values: the periods in its window, up to the latest reported one, with no approved
/// value. When there are any the sum is incomplete, so no status is given (the share is still shown).
/// </param>
public sealed record ProgressAssessment(
    ProgressStatus Status,
    double? Actual,
    double TargetValue,
    double? Baseline,
    double? ShareOfTarget,
    double? TimeElapsed,
    DateOnly? AssessedAt,
    string Formula,
    IReadOnlyList<PeriodKey> MissingPeriods);

/// <summary>
/// Share of target reached and status against 序时进度.
/// <list type="bullet">
/// <item>With a baseline b: share = (actual − b) ÷ (target − b). This is the same for both directions, because
/// for lower-is-better the target lies below the baseline and both differences change sign.</item>
/// <item>Without a baseline, higher is better: share = actual ÷ target.</item>
/// <item>Without a baseline, lower is better: share = target ÷ actual (inverted), so reaching or going below
/// the target gives 1 or more; an actual of 0 counts as met.</item>
/// <item>For-information indicators, a target equal to its baseline, or a zero target without baseline: no share.</item>
/// </list>
/// Status: share ≥ 1 → met; otherwise pace = share ÷ 序时进度 decides on track / at risk / lagging by the thresholds.
/// 序时进度 is measured at the date the actual covers (its observed-through date or period end), not at the reading date,
/// so a January–October figure is compared with the time elapsed by 31 October.
/// </summary>
public static class Progress
{
    public static double? ShareOfTarget(Direction direction, double actual, double target, double? baseline)
    {
        if (direction == Direction.ForInformation)
        {
            return null;
        }

        if (baseline is { } b)
        {
            return target == b ? null : (actual - b) / (target - b);
        }

        return direction switch
        {
            Direction.HigherIsBetter => target == 0 ? null : actual / target,
            Direction.LowerIsBetter => actual <= 0 ? 1 : target / actual,
            Direction.ForInformation => null,
            _ => throw new ArgumentOutOfRangeException(nameof(direction)),
        };
    }

    public static ProgressStatus StatusFor(double? share, double? timeElapsed, StatusThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (share is not { } s)
        {
            return ProgressStatus.NotAssessable;
        }

        if (s >= 1)
        {
            return ProgressStatus.Met;
        }

        if (timeElapsed is not { } t)
        {
            return ProgressStatus.NotAssessable;
        }

        // Before the window opens nothing is expected yet.
        if (t <= 0)
        {
            return ProgressStatus.OnTrack;
        }

        var pace = s / t;
        return pace >= thresholds.OnTrackMinPace ? ProgressStatus.OnTrack
            : pace >= thresholds.AtRiskMinPace ? ProgressStatus.AtRisk
            : ProgressStatus.Lagging;
    }

    /// <summary>
    /// The actual that counts against <paramref name="target"/>, from the indicator's current approved values for one
    /// district (null = city), with the last date those values cover. Per-period counts and amounts are summed over the
    /// target's window; cumulative indicators, rates and levels take the latest value in the window. A repeating yearly
    /// target ("每年4万户") is judged on the latest year that has values. Values for periods starting after
    /// <paramref name="asOf"/> are ignored.
    /// </summary>
    public static (double Actual, DateOnly CoveredThrough)? ActualToDate(
        Indicator indicator, IndicatorTarget target, IEnumerable<ReportedValue> values, int programmeStartYear,
        string? districtCode = null, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(target);
        var (from, to) = Window(target, programmeStartYear);
        // Ordered by period (start, then the longer first: PeriodKey's order) on keys computed once per value, not per comparison.
        var inWindow = values
            .Where(v => v.IndicatorId == indicator.Id && v.Status == ValueStatus.Approved && v.IsCurrent
                && string.Equals(v.DistrictCode, districtCode, StringComparison.Ordinal)
                && v.Period.Start >= from && v.Period.End <= to
                && (asOf is null || v.Period.Start <= asOf))
            .OrderBy(v => v.Period.Start).ThenByDescending(v => v.Period.End)
            .ToList();
        if (inWindow.Count == 0)
        {
            return null;
        }

        var last = inWindow[^1];
        if (target.RepeatsEachYear)
        {
            inWindow = inWindow.Where(v => v.Period.Year == last.Period.Year).ToList();
        }

        var covered = last.ObservedThrough ?? last.Period.End;
        if (indicator.IsAdditiveOverTime)
        {
            return (WithoutOverlaps(inWindow).Sum(v => v.Value), covered);
        }

        return (last.Value, covered);
    }

    /// <summary>
    /// Values whose periods do not overlap, preferring the finest: a year reported alongside its own quarters would
    /// otherwise be counted twice, while a year with no quarters reported (an earlier year) still counts. Ordered by period.
    /// </summary>
    public static IReadOnlyList<ReportedValue> WithoutOverlaps(IEnumerable<ReportedValue> values)
    {
        // Each value's dates are computed once: the overview runs this for hundreds of indicators of 60 months each.
        var candidates = values.Select(v => (Value: v, v.Period.Start, v.Period.End))
            .OrderByDescending(x => x.Value.Period.Type).ThenBy(x => x.Start).ThenByDescending(x => x.End)
            .ToList();
        var kept = new List<(ReportedValue Value, DateOnly Start, DateOnly End)>(candidates.Count);
        foreach (var v in candidates)
        {
            if (!kept.Exists(k => k.Start <= v.End && k.End >= v.Start))
            {
                kept.Add(v);
            }
        }

        return [.. kept.OrderBy(k => k.Start).ThenByDescending(k => k.End).Select(k => k.Value)];
    }

    /// <summary>Assesses one target at <paramref name="asOf"/> against the indicator's approved values.</summary>
    public static ProgressAssessment Assess(
        Indicator indicator, IndicatorTarget target, IEnumerable<ReportedValue> values, DateOnly asOf,
        int programmeStartYear, StatusThresholds? thresholds = null, string? districtCode = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(target);
        thresholds ??= StatusThresholds.Default;
        var baseline = indicator.Baseline?.Value;
        var actual = ActualToDate(indicator, target, values, programmeStartYear, districtCode, asOf);
        if (actual is null)
        {
            return new(ProgressStatus.NotAssessable, null, target.Value, baseline, null, null, null, "尚无已审核的完成值", []);
        }

        var (value, covered) = actual.Value;
        var at = covered < asOf ? covered : asOf;
        var share = ShareOfTarget(indicator.Direction, value, target.Value, baseline);
        double? elapsed = target.Kind == TargetKind.Undated ? null : TimeElapsedFor(target, programmeStartYear, at);
        var status = StatusFor(share, elapsed, thresholds);
        var formula = Describe(indicator.Direction, value, target.Value, baseline, share, elapsed);
        var missing = MissingPeriods(indicator, target, values, programmeStartYear, districtCode, covered);
        if (missing.Count > 0 && status != ProgressStatus.Met)
        {
            status = ProgressStatus.NotAssessable;
            formula += "；缺少 " + string.Join("、", missing) + " 的完成值，累计不完整，暂不判定状态";
        }

        return new(status, value, target.Value, baseline, share, elapsed, at, formula, missing);
    }

    /// <summary>
    /// Periods of the indicator's frequency, from the start of the target's window to <paramref name="through"/>,
    /// that no current approved value covers. Only targets that sum values over time can be incomplete this way.
    /// </summary>
    public static IReadOnlyList<PeriodKey> MissingPeriods(
        Indicator indicator, IndicatorTarget target, IEnumerable<ReportedValue> values, int programmeStartYear, string? districtCode, DateOnly through)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(target);
        var (from, to) = Window(target, programmeStartYear);
        if (!indicator.IsAdditiveOverTime || target.RepeatsEachYear || from == DateOnly.MinValue
            || (target.Kind == TargetKind.Annual && indicator.Frequency == PeriodType.Year))
        {
            return [];
        }

        var covered = values
            .Where(v => v.IndicatorId == indicator.Id && v.Status == ValueStatus.Approved && v.IsCurrent
                && string.Equals(v.DistrictCode, districtCode, StringComparison.Ordinal))
            .Select(v => (v.Period.Start, v.Period.End))
            .ToList();
        var missing = new List<PeriodKey>();
        var last = through < to ? through : to;
        for (var p = PeriodKey.Containing(from, indicator.Frequency); p.Start <= last; p = p.Next())
        {
            var (start, end) = (p.Start, p.End);
            if (!covered.Exists(c => c.Start <= end && c.End >= start))
            {
                missing.Add(p);
            }
        }

        return missing;
    }

    /// <summary>The target's window as civil dates; a plan target without a start opens with the programme.</summary>
    public static (DateOnly From, DateOnly To) Window(IndicatorTarget target, int programmeStartYear)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Kind switch
        {
            TargetKind.Annual when !target.RepeatsEachYear && target.DeadlineYear is { } y => (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31)),
            TargetKind.Annual or TargetKind.PlanPeriod =>
                (new DateOnly(target.FromYear ?? programmeStartYear, 1, 1),
                 target.DeadlineYear is { } end ? new DateOnly(end, 12, 31) : DateOnly.MaxValue),
            TargetKind.Undated => (DateOnly.MinValue, DateOnly.MaxValue),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
    }

    private static double? TimeElapsedFor(IndicatorTarget target, int programmeStartYear, DateOnly at)
    {
        if (target.Kind == TargetKind.Annual && target.RepeatsEachYear)
        {
            return TimeElapsed.ShareOfYear(at.Year, at);
        }

        var (from, to) = Window(target, programmeStartYear);
        return to == DateOnly.MaxValue ? null : TimeElapsed.Share(from, to, at);
    }

    private static string Describe(Direction direction, double actual, double target, double? baseline, double? share, double? elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var shareText = share is { } s ? s.ToString("0.0%", c) : "—";
        var elapsedText = elapsed is { } e ? e.ToString("0.0%", c) : "—";
        var formula = baseline is { } b
            ? string.Format(c, "完成度 = (完成值 {0} − 基期值 {1}) ÷ (目标值 {2} − 基期值 {1}) = {3}", actual, b, target, shareText)
            : direction == Direction.LowerIsBetter
                ? string.Format(c, "完成度 = 目标值 {0} ÷ 完成值 {1} = {2}（越低越好）", target, actual, shareText)
                : string.Format(c, "完成度 = 完成值 {0} ÷ 目标值 {1} = {2}", actual, target, shareText);
        return string.Format(c, "{0}；序时进度 {1}", formula, elapsedText);
    }
}
