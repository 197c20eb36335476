using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Queries;

/// <summary>One department's tasks by status, with those lagging or at risk (led or supported) listed.</summary>
public sealed record DepartmentCard(
    string Department, int Led, int Supported, IReadOnlyDictionary<ProgressStatus, int> LedByStatus, IReadOnlyList<TaskProgress> Lagging);

public static class DepartmentScorecard
{
    /// <summary>
    /// Every department named as lead or supporter in the programme, most lagging tasks first, then by name. Counts are of
    /// tasks the department leads (牵头), judged as on the overview; the lagging list includes tasks it supports (配合).
    /// </summary>
    public static IReadOnlyList<DepartmentCard> Build(IReadOnlyList<HomeProgress> homes)
    {
        ArgumentNullException.ThrowIfNull(homes);
        var tasks = Overview.Tasks(homes).ToList();
        var names = tasks.SelectMany(t => t.Task.SupportingDepartments.Append(t.Task.LeadDepartment ?? ""))
            .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal);
        return names.Select(name =>
            {
                var led = tasks.Where(t => string.Equals(t.Task.LeadDepartment, name, StringComparison.Ordinal)).ToList();
                var counts = Enum.GetValues<ProgressStatus>().ToDictionary(s => s, s => led.Count(t => t.Status == s));
                var supported = tasks.Count(t => t.Task.SupportingDepartments.Contains(name, StringComparer.Ordinal));
                var lagging = Overview.Lagging(homes, name).OrderByDescending(t => t.Status).ThenBy(t => t.Task.Code, StringComparer.Ordinal).ToList();
                return new DepartmentCard(name, led.Count, supported, counts, lagging);
            })
            .OrderByDescending(c => c.LedByStatus[ProgressStatus.Lagging])
            .ThenByDescending(c => c.LedByStatus[ProgressStatus.AtRisk])
            .ThenBy(c => c.Department, StringComparer.Ordinal)
            .ToList();
    }
}
