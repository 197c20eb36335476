using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel.Indicators;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Queries;

/// <summary>
/// Loads, for the overview, only the values its statuses depend on, instead of every approved value of every district.
/// The overview judges each indicator against its governing city target (<see cref="Overview.GoverningTarget"/>), so
/// <see cref="Progress.Assess"/> reads current approved <b>city</b> values inside that target's window, and of those:
/// <list type="bullet">
/// <item>a rate, level or stock (not additive over time) uses only the <b>latest</b> value up to the reading date and has
/// no missing periods; the database finds it (the greatest period of each type and year, per indicator) and only that
/// row is read;</item>
/// <item>a per-period count or amount is summed over the window and checked for missing periods, so its city values in
/// the window are read — only the columns progress uses.</item>
/// </list>
/// The result is passed to the same <see cref="Overview.Assess"/> as before, so statuses, figures and formulas are
/// those of the full data (tests compare both on the Harbin seed and on generated data). Windows are whole calendar
/// years, so "inside the window" is a test on the period's year, the first four characters of its text form.
/// </summary>
public static class CurrentCityValues
{
    private const int Approved = (int)ValueStatus.Approved;

    /// <summary>The city's current approved values that <see cref="Overview.Assess"/> needs at <paramref name="asOf"/>.</summary>
    public static async Task<IReadOnlyList<ReportedValue>> ForOverview(IProgrammeDb db, CityProgramme programme, DateOnly asOf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(programme);
        var additive = new List<(long Id, int? From, int? To)>();
        var pointInTime = new Dictionary<long, (int? From, int? To)>();
        foreach (var indicator in programme.Indicators)
        {
            if (indicator.Direction == Direction.ForInformation || Overview.GoverningTarget(indicator, asOf.Year) is not { } target)
                continue;
            var (from, to) = Progress.Window(target, programme.StartYear);
            var years = (from == DateOnly.MinValue ? (int?)null : from.Year, to == DateOnly.MaxValue ? (int?)null : to.Year);
            if (indicator.IsAdditiveOverTime)
                additive.Add((indicator.Id, years.Item1, years.Item2));
            else
                pointInTime[indicator.Id] = years;
        }

        var latest = await Latest(db, pointInTime, asOf, ct);
        if (additive.Count == 0 && latest.Count == 0)
            return [];

        // One query for both: the additive indicators' values in their windows, and the latest rows found above. Each
        // group is its own SELECT joined by UNION ALL rather than one WHERE of ORs: SQLite plans each OR branch apart from
        // the shared conditions and cannot use the partial index there (it read every row of the indicators through the
        // unique index, ~10× slower); as separate SELECTs each one reads only the partial index.
        var conditions = new List<string>();
        foreach (var group in additive.GroupBy(a => (a.From, a.To)))
            conditions.Add($"indicator_id IN ({Ids(group.Select(a => a.Id))}){YearRange(group.Key.From, group.Key.To)}");
        foreach (var group in latest.GroupBy(l => l.Value))
            conditions.Add($"period = '{group.Key}' AND indicator_id IN ({Ids(group.Select(l => l.Key))})");
        // Only numbers and period keys (digits, '-', 'Q', formatted here) are written into the SQL text.
        var sql = string.Join("\nUNION ALL\n", conditions.Select(c => $"""
            SELECT indicator_id AS "IndicatorId", period AS "Period", value AS "Value", observed_through AS "ObservedThrough"
            FROM prog_value
            WHERE district_code IS NULL AND status = {Approved} AND is_current AND {c}
            """));
        var rows = await db.Database.SqlQueryRaw<CityValueRow>(sql).ToListAsync(ct);
        return rows.Select(r => ReportedValue.ForProgress(r.IndicatorId, PeriodKey.Parse(r.Period), null, r.Value, r.ObservedThrough)).ToList();
    }

    /// <summary>
    /// Per indicator, the latest period (in <see cref="PeriodKey"/> order) with a current approved city value inside its
    /// window and begun by <paramref name="asOf"/>. The database returns the greatest period of each type (year, quarter,
    /// month: text lengths 4, 6, 7) and year; within one type and year the text sorts by time.
    /// </summary>
    private static async Task<Dictionary<long, PeriodKey>> Latest(
        IProgrammeDb db, Dictionary<long, (int? From, int? To)> windows, DateOnly asOf, CancellationToken ct)
    {
        var result = new Dictionary<long, PeriodKey>();
        if (windows.Count == 0)
            return result;
        var year = PeriodKey.Containing(asOf, PeriodType.Year).ToString();
        var quarter = PeriodKey.Containing(asOf, PeriodType.Quarter).ToString();
        var month = PeriodKey.Containing(asOf, PeriodType.Month).ToString();
        // Indicator ids are written into the SQL text (numbers); the reading date's periods are parameters.
        var sql = $$"""
            SELECT indicator_id AS "IndicatorId", MAX(period) AS "Period"
            FROM prog_value
            WHERE district_code IS NULL AND status = {{Approved}} AND is_current AND indicator_id IN ({{Ids(windows.Keys)}})
              AND ((length(period) = 4 AND period <= {0}) OR (length(period) = 6 AND period <= {1}) OR (length(period) = 7 AND period <= {2}))
            GROUP BY indicator_id, length(period), substr(period, 1, 4)
            """;
        var rows = await db.Database.SqlQueryRaw<LatestRow>(sql, year, quarter, month).ToListAsync(ct);
        foreach (var row in rows)
        {
            var period = PeriodKey.Parse(row.Period);
            var (from, to) = windows[row.IndicatorId];
            if ((from is { } f && period.Year < f) || (to is { } t && period.Year > t))
                continue;
            if (!result.TryGetValue(row.IndicatorId, out var best) || period > best)
                result[row.IndicatorId] = period;
        }

        return result;
    }

    private static string Ids(IEnumerable<long> ids) => string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    // Years are four digits, so comparing the period's first four characters as text compares years on any collation.
    private static string YearRange(int? from, int? to)
    {
        var sql = new StringBuilder();
        if (from is { } f)
            sql.Append(CultureInfo.InvariantCulture, $" AND substr(period, 1, 4) >= '{f:0000}'");
        if (to is { } t)
            sql.Append(CultureInfo.InvariantCulture, $" AND substr(period, 1, 4) <= '{t:0000}'");
        return sql.ToString();
    }

    private sealed class CityValueRow
    {
        public long IndicatorId { get; set; }
        public string Period { get; set; } = "";
        public double Value { get; set; }
        public DateOnly? ObservedThrough { get; set; }
    }

    private sealed class LatestRow
    {
        public long IndicatorId { get; set; }
        public string Period { get; set; } = "";
    }
}
