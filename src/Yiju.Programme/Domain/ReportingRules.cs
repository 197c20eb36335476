using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;

namespace Yiju.Programme.Domain;

/// <summary>
/// Who may report and review, and which periods and districts a report may be for. Departments are named as the
/// programme names them (牵头单位); the caller's department names come from the organisation through the host.
/// </summary>
public static class ReportingRules
{
    /// <summary>
    /// Department staff report the indicators of tasks their department leads (牵头). Supporting departments give their
    /// figures to the lead department; a task without a named lead cannot be reported on until one is named.
    /// </summary>
    public static bool CanReport(ProgrammeTask task, IReadOnlyList<RoleGrant> grants, IReadOnlyCollection<string> callerDepartments)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(callerDepartments);
        return task.LeadDepartment is { } lead
            && grants.Any(g => g.Role == Role.DepartmentStaff)
            && callerDepartments.Contains(lead, StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether the caller may enter the figure for <paramref name="districtCode"/> (null = the city): the lead
    /// department's staff for any unit (<see cref="CanReport(ProgrammeTask, IReadOnlyList{RoleGrant}, IReadOnlyCollection{string})"/>);
    /// district staff (区县工作人员) only for their own district's line of an indicator broken down by district —
    /// never the city figure, never another district's.
    /// </summary>
    public static bool CanReport(
        ProgrammeTask task, Indicator indicator, string? districtCode, IReadOnlyList<RoleGrant> grants,
        IReadOnlyCollection<string> callerDepartments, IReadOnlyCollection<string> callerDistricts)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(callerDistricts);
        if (CanReport(task, grants, callerDepartments))
            return true;
        return districtCode is not null
            && indicator.HasDistrictBreakdown
            && grants.Any(g => g.Role == Role.DistrictStaff)
            && callerDistricts.Contains(districtCode, StringComparer.Ordinal);
    }

    /// <summary>Whether the caller reports some line of the indicator (the whole of it, or their district's breakdown).</summary>
    public static bool ReportsSomeOf(
        ProgrammeTask task, Indicator indicator, IReadOnlyList<RoleGrant> grants,
        IReadOnlyCollection<string> callerDepartments, IReadOnlyCollection<string> callerDistricts)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(callerDistricts);
        return CanReport(task, grants, callerDepartments)
            || (indicator.HasDistrictBreakdown && callerDistricts.Count > 0 && grants.Any(g => g.Role == Role.DistrictStaff));
    }

    /// <summary>市发改委's programme coordinators (and city administrators) approve or return submissions.</summary>
    public static bool CanReview(IReadOnlyList<RoleGrant> grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        return grants.Any(g => g.Role is Role.ProgrammeCoordinator or Role.CityAdmin);
    }

    /// <summary>Four eyes: nobody approves or returns a figure they entered themselves.</summary>
    public static string? CheckReviewer(ReportedValue value, string reviewer)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Equals(value.EnteredBy, reviewer, StringComparison.Ordinal) ? "不能审核自己填报的数值 (you cannot review your own report)" : null;
    }

    /// <summary>
    /// A report is for a period of the indicator's frequency or a finer one (a yearly indicator may be reported by
    /// quarter; progress then sums or takes the latest as the indicator's accumulation says), inside the programme's
    /// years, and already begun on <paramref name="today"/>: nobody reports a future period.
    /// </summary>
    public static string? CheckPeriod(Indicator indicator, PeriodKey period, int programmeStartYear, int programmeEndYear, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (period.Type < indicator.Frequency)
            return $"该指标按{PeriodName(indicator.Frequency)}填报，不能填报{PeriodName(period.Type)}数值 (period {period} is coarser than the indicator's frequency)";
        if (period.Year < programmeStartYear || period.Year > programmeEndYear)
            return $"期间 {period} 不在规划期 {programmeStartYear}—{programmeEndYear} 年内 (outside the programme's years)";
        if (period.Start > today)
            return $"期间 {period} 尚未开始，不能填报 (the period has not begun)";
        return null;
    }

    /// <summary>The city figure (no district) is always allowed; a district figure only where the indicator is broken down, for a known district.</summary>
    public static string? CheckDistrict(Indicator indicator, string? districtCode, IReadOnlyCollection<string> knownDistricts)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(knownDistricts);
        if (districtCode is null)
            return null;
        if (!indicator.HasDistrictBreakdown)
            return "该指标不分区县填报 (this indicator is not broken down by district)";
        return knownDistricts.Contains(districtCode, StringComparer.Ordinal) ? null : $"未知区县代码 {districtCode} (unknown district)";
    }

    public static string PeriodName(PeriodType type) => type switch
    {
        PeriodType.Year => "年",
        PeriodType.Quarter => "季度",
        PeriodType.Month => "月",
    };
}

/// <summary>
/// Codes of homes, goals, tasks and indicators (H4.G1.T1.I2) are upper-case. Lookups accept any case, because URLs
/// are case-insensitive to people and the host lower-cases the URLs it generates.
/// </summary>
public static class ProgrammeCodes
{
    public static string Normalise(string? code) => (code ?? "").Trim().ToUpperInvariant();
}
