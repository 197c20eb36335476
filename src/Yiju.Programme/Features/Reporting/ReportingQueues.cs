using Microsoft.EntityFrameworkCore;
using Yiju.Kernel.Security;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Reporting;

/// <summary>A value waiting for someone, with what is needed to show it in a list.</summary>
public sealed record QueueItem(
    Guid Id, string IndicatorCode, string IndicatorName, string Unit, string TaskName, string? LeadDepartment,
    string Period, string? DistrictCode, double Value, double? Numerator, double? Denominator, ValueStatus Status,
    int Revision, string? Explanation, string? ReturnReason, string EnteredBy, DateTime? SubmittedAtUtc, long Version);

/// <summary>An indicator a department reports, with its values not yet approved.</summary>
public sealed record ReportingItem(Indicator Indicator, ProgrammeTask Task, IReadOnlyList<QueueItem> Open);

/// <summary>The coordinator's review queue and a department's reporting list.</summary>
public sealed class ReportingQueues(IProgrammeDb db, IProgrammeDirectory directory)
{
    /// <summary>Submitted values, oldest submission first.</summary>
    public async Task<IReadOnlyList<QueueItem>> AwaitingReview(CancellationToken ct)
    {
        // "Not approved" repeats the partial status index's condition, so that SQLite (which matches a partial index's
        // condition by its terms) can use that index rather than read the whole table.
        var rows = await Items(db.ReportedValues.AsNoTracking().Where(v => v.Status != ValueStatus.Approved && v.Status == ValueStatus.Submitted), ct);
        return rows.OrderBy(r => r.SubmittedAtUtc).ToList();
    }

    /// <summary>
    /// The indicators of tasks the caller's departments lead, with their drafts, returns and submissions; for district
    /// staff, the indicators broken down by district, with their own district's open values only.
    /// </summary>
    public async Task<IReadOnlyList<ReportingItem>> ForDepartment(Caller caller, CancellationToken ct)
    {
        var names = caller.Has(Role.DepartmentStaff) ? await directory.DepartmentNames(caller, ct) : [];
        var districts = caller.Has(Role.DistrictStaff) ? await directory.DistrictCodes(caller, ct) : [];
        if (names.Count == 0 && districts.Count == 0)
            return [];
        var tasks = await db.ProgrammeTasks.AsNoTracking().Include(t => t.Indicators)
            .Where(t => (t.LeadDepartment != null && names.Contains(t.LeadDepartment)) || (districts.Count > 0 && t.Indicators.Any(i => i.HasDistrictBreakdown)))
            .OrderBy(t => t.Code)
            .ToListAsync(ct);
        var lines = tasks.SelectMany(t => t.Indicators.Select(i => (Task: t, Indicator: i, Whole: t.LeadDepartment != null && names.Contains(t.LeadDepartment))))
            .Where(x => x.Whole || x.Indicator.HasDistrictBreakdown)
            .ToList();
        var ids = lines.Select(x => x.Indicator.Id).ToList();
        var open = await Items(db.ReportedValues.AsNoTracking().Where(v => ids.Contains(v.IndicatorId) && v.Status != ValueStatus.Approved), ct);
        var byCode = open.ToLookup(o => o.IndicatorCode, StringComparer.Ordinal);
        return lines.OrderBy(x => x.Task.Code, StringComparer.Ordinal).ThenBy(x => x.Indicator.Code, StringComparer.Ordinal)
            .Select(x => new ReportingItem(x.Indicator, x.Task, byCode[x.Indicator.Code]
                .Where(o => x.Whole || (o.DistrictCode is not null && districts.Contains(o.DistrictCode)))
                .OrderBy(o => o.Period, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    private async Task<List<QueueItem>> Items(IQueryable<ReportedValue> values, CancellationToken ct)
    {
        var rows = await values
            .Join(db.Indicators, v => v.IndicatorId, i => i.Id, (v, i) => new { v, i })
            .Join(db.ProgrammeTasks, x => x.i.TaskId, t => t.Id, (x, t) => new { x.v, x.i, t })
            .Select(x => new
            {
                x.v.Id,
                Code = x.i.Code,
                IndicatorName = x.i.Name,
                x.i.Unit,
                TaskName = x.t.Name,
                x.t.LeadDepartment,
                x.v.Period,
                x.v.DistrictCode,
                x.v.Value,
                x.v.Numerator,
                x.v.Denominator,
                x.v.Status,
                x.v.Revision,
                x.v.Explanation,
                x.v.ReturnReason,
                x.v.EnteredBy,
                x.v.SubmittedAtUtc,
                x.v.Version,
            })
            .ToListAsync(ct);
        return rows.Select(r => new QueueItem(r.Id, r.Code, r.IndicatorName, r.Unit, r.TaskName, r.LeadDepartment, r.Period.ToString(), r.DistrictCode,
            r.Value, r.Numerator, r.Denominator, r.Status, r.Revision, r.Explanation, r.ReturnReason, r.EnteredBy, r.SubmittedAtUtc, r.Version)).ToList();
    }
}
