using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Queries;

namespace Yiju.Programme.Features.Evaluation;

/// <summary>A unit's score with the inputs it was computed from, so that anyone can redo the sum.</summary>
public sealed record EvaluationRow(EvaluationScore Score, EvaluationInput Input);

public sealed record EvaluationRanking(
    EvaluationScheme Scheme, PeriodKey Quarter, DateOnly ReadAt, IReadOnlyList<EvaluationRow> Departments, IReadOnlyList<EvaluationRow> Districts);

/// <summary>Scores of one unit over the quarters, for the per-quarter history.</summary>
public sealed record EvaluationHistory(string UnitName, IReadOnlyDictionary<PeriodKey, EvaluationScore> ByQuarter);

public sealed record PublishSchemeCommand(
    string? Name, double? TargetCompletionWeight, double? OnTimeReportingWeight, double? DataQualityWeight, DateOnly? ReportingFrom,
    int? GraceWorkingDays, int? BasedOnVersion);

/// <summary>
/// Department and district evaluation per quarter from the published weights (<see cref="EvaluationScheme"/>):
/// the ranking, its inputs and a per-quarter history. Weights are published by coordinators as new versions.
/// </summary>
public sealed class ProgrammeEvaluation(IProgrammeDb db, IProgrammeDirectory directory, IWorkingCalendar calendar, TimeProvider clock)
{
    public const string SchemeCode = "evaluation";

    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<IReadOnlyList<EvaluationScheme>> Schemes(CancellationToken ct) =>
        await db.EvaluationSchemes.AsNoTracking().Where(s => s.Code == SchemeCode).OrderByDescending(s => s.VersionNumber).ToListAsync(ct);

    /// <summary>The quarter a reading falls in, or the one named (yyyyQn) if it is valid.</summary>
    public static PeriodKey? ParseQuarter(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
            return PeriodKey.Containing(today, PeriodType.Quarter);
        return PeriodKey.TryParse(text.Trim().ToUpperInvariant(), out var p) && p.Type == PeriodType.Quarter ? p : null;
    }

    public async Task<Outcome<EvaluationRanking>> Rank(PeriodKey quarter, int? schemeVersion, CancellationToken ct)
    {
        var schemes = await Schemes(ct);
        var scheme = schemeVersion is { } v ? schemes.FirstOrDefault(s => s.VersionNumber == v) : schemes.FirstOrDefault();
        if (scheme is null)
            return Failure.NotFound(schemeVersion is null ? "尚未发布评价权重 (no weights published)" : $"评价权重第{schemeVersion}版不存在 (unknown version)");
        if (quarter.Start > Today)
            return Failure.Invalid("quarter", "该季度尚未开始 (the quarter has not begun)");
        var data = await Load(ct);
        if (data is null)
            return Failure.NotFound("规划尚未导入 (no programme yet)");
        try
        {
            return Compute(data, scheme, quarter);
        }
        catch (CalendarMissingException e)
        {
            // Due dates need the official working-day calendar of their year; say which one is missing.
            return Failure.Invalid("quarter", "缺少该年度的法定工作日历，无法计算报送期限 (" + e.Message + ")");
        }
    }

    /// <summary>Scores for every quarter of the programme up to the current one, with the given scheme.</summary>
    public async Task<Outcome<(IReadOnlyList<PeriodKey> Quarters, IReadOnlyList<EvaluationHistory> Departments, IReadOnlyList<EvaluationHistory> Districts)>> History(
        int year, int? schemeVersion, CancellationToken ct)
    {
        var schemes = await Schemes(ct);
        var scheme = schemeVersion is { } v ? schemes.FirstOrDefault(s => s.VersionNumber == v) : schemes.FirstOrDefault();
        if (scheme is null)
            return Failure.NotFound("尚未发布评价权重 (no weights published)");
        var data = await Load(ct);
        if (data is null)
            return Failure.NotFound("规划尚未导入 (no programme yet)");
        var quarters = new List<PeriodKey>();
        for (var q = PeriodKey.Parse(year.ToString(CultureInfo.InvariantCulture) + "Q1"); q.Year == year && q.Start <= Today; q = q.Next())
            quarters.Add(q);
        List<EvaluationRanking> rankings;
        try
        {
            rankings = quarters.Select(q => Compute(data, scheme, q)).ToList();
        }
        catch (CalendarMissingException e)
        {
            return Failure.Invalid("year", "缺少该年度的法定工作日历，无法计算报送期限 (" + e.Message + ")");
        }

        static IReadOnlyList<EvaluationHistory> Pivot(IEnumerable<(PeriodKey Q, IReadOnlyList<EvaluationRow> Rows)> rows) =>
            rows.SelectMany(x => x.Rows.Select(r => (x.Q, r.Score)))
                .GroupBy(x => (x.Score.UnitCode, x.Score.UnitName))
                .Select(g => new EvaluationHistory(g.Key.UnitName, g.ToDictionary(x => x.Q, x => x.Score)))
                .OrderBy(h => h.UnitName, StringComparer.Ordinal)
                .ToList();
        return (quarters, Pivot(rankings.Select(r => (r.Quarter, r.Departments))), Pivot(rankings.Select(r => (r.Quarter, r.Districts))));
    }

    /// <summary>Publishes new weights as the next version. Coordinators (市发改委) and city administrators only.</summary>
    public async Task<Outcome<EvaluationScheme>> Publish(PublishSchemeCommand command, Caller caller, CancellationToken ct)
    {
        if (!ReportingRules.CanReview(caller.Grants))
            return Failure.Forbidden("只有规划协调人员可以发布评价权重 (only programme coordinators publish weights)");
        var errors = new Dictionary<string, string[]>();
        if (command.TargetCompletionWeight is null)
            errors["TargetCompletionWeight"] = ["请填写权重 (weight required)"];
        if (command.OnTimeReportingWeight is null)
            errors["OnTimeReportingWeight"] = ["请填写权重 (weight required)"];
        if (command.DataQualityWeight is null)
            errors["DataQualityWeight"] = ["请填写权重 (weight required)"];
        var name = string.IsNullOrWhiteSpace(command.Name) ? "部门与区县(市)评价" : command.Name.Trim();
        if (name.Length > ProgrammeLimits.Name)
            errors["Name"] = [$"名称不能超过 {ProgrammeLimits.Name} 字 (name too long)"];
        if (errors.Count > 0)
            return Failure.Invalid("请检查输入 (check the input)", errors);
        var schemes = await Schemes(ct);
        if (command.BasedOnVersion is { } seen && schemes.FirstOrDefault()?.VersionNumber != seen)
            return Failure.Conflict("评价权重已有新版本，请刷新后再发布 (a newer version was published; reload)");
        var now = clock.GetUtcNow().UtcDateTime;
        EvaluationScheme scheme;
        try
        {
            scheme = EvaluationScheme.Create(SchemeCode, (schemes.FirstOrDefault()?.VersionNumber ?? 0) + 1, name, now,
                command.TargetCompletionWeight!.Value, command.OnTimeReportingWeight!.Value, command.DataQualityWeight!.Value);
            scheme.ReportingFrom = command.ReportingFrom ?? schemes.FirstOrDefault()?.ReportingFrom ?? ChinaTime.DateOf(now);
            scheme.GraceWorkingDays = command.GraceWorkingDays ?? schemes.FirstOrDefault()?.GraceWorkingDays ?? EvaluationScheme.DefaultGraceWorkingDays;
            scheme.PublishedBy = caller.Name;
            scheme.EnsureValid();
        }
        catch (ProgrammeRuleException e)
        {
            return Failure.Invalid("Weights", e.Message);
        }

        db.EvaluationSchemes.Add(scheme);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two coordinators publishing at once: the unique (code, version) index lets only one have the number.
            return Failure.Conflict("评价权重已有新版本，请刷新后再发布 (a newer version was published; reload)");
        }

        return scheme;
    }

    private sealed record Data(CityProgramme Programme, List<ReportedValue> Values, List<ReportedValue> Current, IReadOnlyList<DistrictRef> Districts);

    private async Task<Data?> Load(CancellationToken ct)
    {
        var programme = await new ProgrammeQueries(db, clock).LoadTree(ct);
        if (programme is null)
            return null;
        var values = await db.ReportedValues.AsNoTracking().Include(v => v.History).ToListAsync(ct);
        var current = values.Where(v => v.Status == ValueStatus.Approved && v.IsCurrent).ToList();
        return new Data(programme, values, current, await directory.Districts(ct));
    }

    private EvaluationRanking Compute(Data data, EvaluationScheme scheme, PeriodKey quarter)
    {
        var today = Today;
        var readAt = EvaluationInputs.ReadingDate(quarter, today);
        var homes = Overview.Assess(data.Programme, data.Current, readAt);
        var tasks = data.Programme.Tasks.ToList();
        var departments = tasks.SelectMany(t => t.SupportingDepartments.Append(t.LeadDepartment ?? ""))
            .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var districtCodes = data.Districts.Select(d => d.Code).ToList();

        var departmentInputs = departments.Select(name =>
        {
            var led = tasks.Where(t => string.Equals(t.LeadDepartment, name, StringComparison.Ordinal)).SelectMany(t => t.Indicators);
            var due = EvaluationInputs.ReportsDue(led, quarter, today, scheme, calendar,
                i => i.HasDistrictBreakdown ? districtCodes.Prepend(null) : [null]);
            return EvaluationInputs.Input(name, name, Domain.Evaluation.SharesFor(homes, name), due, data.Values, scheme, calendar);
        }).ToList();

        var broken = data.Programme.Indicators.Where(i => i.HasDistrictBreakdown).ToList();
        var districtInputs = broken.Count == 0 ? [] : data.Districts.Select(d =>
        {
            var due = EvaluationInputs.ReportsDue(broken, quarter, today, scheme, calendar, _ => [d.Code]);
            var shares = EvaluationInputs.DistrictShares(broken, data.Current, d.Code, readAt, data.Programme.StartYear);
            return EvaluationInputs.Input(d.Code, d.Name, shares, due, data.Values, scheme, calendar);
        }).ToList();

        return new EvaluationRanking(scheme, quarter, readAt, Rows(scheme, quarter, departmentInputs), Rows(scheme, quarter, districtInputs));
    }

    private static List<EvaluationRow> Rows(EvaluationScheme scheme, PeriodKey quarter, List<EvaluationInput> inputs)
    {
        var byCode = inputs.ToDictionary(i => i.UnitCode, StringComparer.Ordinal);
        return Domain.Evaluation.Rank(scheme, quarter, inputs).Select(s => new EvaluationRow(s, byCode[s.UnitCode])).ToList();
    }
}
