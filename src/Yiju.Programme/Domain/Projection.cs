namespace Yiju.Programme.Domain;

public sealed record TrendPoint(DateOnly Date, double Value);

public sealed record TrendProjection(double Value, DateOnly TargetDate, double SlopePerYear, string Method);

/// <summary>
/// Projected value at a target date from the trend of reported values.
/// Each point is placed at the last day its value covers. With three or more points the line is the ordinary
/// least-squares fit of value on day number; with exactly two it is the line through them; with fewer there is
/// no trend and no projection. Straight-line extrapolation assumes the pace so far continues: it is a warning
/// light, not a forecast.
/// For per-period counts and amounts use <see cref="RunningTotals"/> first, so the line is of the running total
/// that the target is about.
/// </summary>
public static class Projection
{
    public const string LeastSquaresMethod = "最小二乘线性趋势外推（普通最小二乘，按日期）";
    public const string LastTwoPointsMethod = "最近两点连线外推（数据点少于3个）";

    public static TrendProjection? Project(IReadOnlyList<TrendPoint> points, DateOnly targetDate)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ordered = points.OrderBy(p => p.Date).ToList();
        if (ordered.Count < 2 || ordered[0].Date == ordered[^1].Date)
        {
            return null;
        }

        double slope, intercept;
        string method;
        if (ordered.Count == 2)
        {
            var (a, b) = (ordered[0], ordered[1]);
            slope = (b.Value - a.Value) / (b.Date.DayNumber - a.Date.DayNumber);
            intercept = a.Value - (slope * a.Date.DayNumber);
            method = LastTwoPointsMethod;
        }
        else
        {
            // Centre x on its mean: day numbers are ~7×10^5, and squaring them uncentred loses precision.
            var meanX = ordered.Average(p => (double)p.Date.DayNumber);
            var meanY = ordered.Average(p => p.Value);
            double sxy = 0, sxx = 0;
            foreach (var p in ordered)
            {
                var dx = p.Date.DayNumber - meanX;
                sxy += dx * (p.Value - meanY);
                sxx += dx * dx;
            }

            slope = sxy / sxx;
            intercept = meanY - (slope * meanX);
            method = LeastSquaresMethod;
        }

        return new TrendProjection(intercept + (slope * targetDate.DayNumber), targetDate, slope * 365.25, method);
    }

    /// <summary>Turns per-period values (ordered by date) into the running total at each date.</summary>
    public static IReadOnlyList<TrendPoint> RunningTotals(IEnumerable<TrendPoint> perPeriod)
    {
        ArgumentNullException.ThrowIfNull(perPeriod);
        double total = 0;
        return perPeriod.OrderBy(p => p.Date).Select(p => new TrendPoint(p.Date, total += p.Value)).ToList();
    }

    /// <summary>
    /// Projects an indicator's current approved values for one district (null = city) to the end of the target's window.
    /// </summary>
    public static TrendProjection? ProjectToDeadline(
        Indicator indicator, IndicatorTarget target, IEnumerable<ReportedValue> values, int programmeStartYear, string? districtCode = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(target);
        var (from, to) = Progress.Window(target, programmeStartYear);
        if (to == DateOnly.MaxValue)
        {
            return null;
        }

        var inWindow = values
            .Where(v => v.IndicatorId == indicator.Id && v.Status == ValueStatus.Approved && v.IsCurrent
                && string.Equals(v.DistrictCode, districtCode, StringComparison.Ordinal)
                && v.Period.Start >= from && v.Period.End <= to)
            .ToList();
        if (inWindow.Count == 0)
        {
            return null;
        }

        var points = Progress.WithoutOverlaps(inWindow)
            .Select(v => new TrendPoint(v.ObservedThrough ?? v.Period.End, v.Value))
            .ToList();
        return Project(indicator.IsAdditiveOverTime ? RunningTotals(points) : points, to);
    }
}
