using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Reporting;

/// <summary>
/// The line a figure is reported for — indicator, its task, period and district (null = the city) — after the checks
/// every way of entering a figure shares (typed, or taken in from a feed): the indicator exists, the caller may report
/// that line, the period is one the indicator reports and has begun inside the programme, the district is known.
/// </summary>
public sealed record ReportLine(Indicator Indicator, ProgrammeTask Task, PeriodKey Period, string? DistrictCode)
{
    public static async Task<Outcome<ReportLine>> Resolve(IProgrammeDb db, IProgrammeDirectory directory, TimeProvider clock, Caller caller,
        string indicatorCode, string? periodText, string? districtText, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(caller);
        var code = ProgrammeCodes.Normalise(indicatorCode);
        var indicator = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, ct);
        if (indicator is null)
            return Failure.NotFound($"指标 {indicatorCode} 不存在 (unknown indicator)");
        var task = await db.ProgrammeTasks.AsNoTracking().FirstAsync(t => t.Id == indicator.TaskId, ct);
        var departments = await directory.DepartmentNames(caller, ct);
        var district = string.IsNullOrWhiteSpace(districtText) ? null : districtText.Trim();
        var callerDistricts = caller.Has(Role.DistrictStaff) ? await directory.DistrictCodes(caller, ct) : [];
        if (!ReportingRules.CanReport(task, indicator, district, caller.Grants, departments, callerDistricts))
            return Failure.Forbidden(callerDistricts.Count > 0 && indicator.HasDistrictBreakdown
                ? "区县工作人员只能填报本区县的分区数值 (district staff report only their own district's figure)"
                : $"只有牵头单位{task.LeadDepartment}的工作人员可以填报此指标 (only the lead department's staff may report)");

        if (!PeriodKey.TryParse(periodText?.Trim(), out var period))
            return Failure.Invalid("Period", "期间格式应为 2024、2024Q3 或 2024-07 (period must look like 2024, 2024Q3 or 2024-07)");
        var programmeYears = await db.Goals.AsNoTracking().Where(g => g.Id == task.GoalId)
            .Join(db.Homes, g => g.HomeId, h => h.Id, (g, h) => h.ProgrammeId)
            .Join(db.Programmes, id => id, p => p.Id, (_, p) => new { p.StartYear, p.EndYear })
            .FirstAsync(ct);
        var today = TimeElapsed.ShanghaiDate(clock.GetUtcNow().UtcDateTime);
        if (ReportingRules.CheckPeriod(indicator, period, programmeYears.StartYear, programmeYears.EndYear, today) is { } periodError)
            return Failure.Invalid("Period", periodError);
        if (district is not null)
        {
            var known = (await directory.Districts(ct)).Select(d => d.Code).ToList();
            if (ReportingRules.CheckDistrict(indicator, district, known) is { } districtError)
                return Failure.Invalid("DistrictCode", districtError);
        }
        return new ReportLine(indicator, task, period, district);
    }
}
