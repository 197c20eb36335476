using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Queries;

/// <summary>One search hit: what it is (home, goal, task, indicator, department), its code, name, where it sits and a link.</summary>
public sealed record SearchHit(string Kind, string? Code, string Name, string? Context, string Url);

/// <summary>
/// Finds homes, goals, tasks, indicators and departments by code ("H4.G1", any case) or by a piece of their Chinese
/// name (老旧小区). Departments match by name (lead or supporting) and lead to their row of the scorecard. The tree is
/// small (hundreds of nodes), so the search runs over it in memory rather than in SQL, the same on both databases.
/// </summary>
public static class ProgrammeSearch
{
    public const int MaxHits = 200;

    public static IReadOnlyList<SearchHit> Find(CityProgramme programme, string? query)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var q = (query ?? "").Trim();
        if (q.Length == 0)
            return [];
        bool Match(string? text) => text is not null && text.Contains(q, StringComparison.OrdinalIgnoreCase);
        var hits = new List<SearchHit>();
        var departments = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var home in programme.Homes.OrderBy(h => h.SortOrder))
        {
            if (Match(home.Code) || Match(home.Name))
                hits.Add(new("home", home.Code, home.Name, null, $"/programme/homes/{home.Code}"));
            foreach (var goal in home.Goals.OrderBy(g => g.SortOrder))
            {
                if (Match(goal.Code) || Match(goal.Name))
                    hits.Add(new("goal", goal.Code, goal.Name, home.Name, $"/programme/homes/{home.Code}#{goal.Code}"));
                foreach (var task in goal.Tasks.OrderBy(t => t.SortOrder))
                {
                    if (Match(task.Code) || Match(task.Name))
                        hits.Add(new("task", task.Code, task.Name, $"{home.Name} › {goal.Name}", $"/programme/tasks/{task.Code}"));
                    foreach (var name in task.SupportingDepartments.Append(task.LeadDepartment ?? ""))
                    {
                        if (name.Length > 0 && Match(name))
                            departments.Add(name);
                    }

                    foreach (var indicator in task.Indicators.OrderBy(i => i.Code, StringComparer.Ordinal))
                    {
                        if (Match(indicator.Code) || Match(indicator.Name))
                            hits.Add(new("indicator", indicator.Code, indicator.Name, $"{task.Name}（{indicator.Unit}）", $"/programme/indicators/{indicator.Code}"));
                    }
                }
            }
        }

        hits.AddRange(departments.Select(d => new SearchHit("department", null, d, null, $"/programme/departments#{Uri.EscapeDataString(d)}")));
        return hits.Take(MaxHits).ToList();
    }
}
