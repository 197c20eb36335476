using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Programme.Features.Queries;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>Departments' tasks by status and their lagging lists. Public, like the overview it is computed from.</summary>
public sealed class DepartmentsModel(ProgrammeQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public OverviewView Overview { get; private set; } = null!;

    public IReadOnlyList<DepartmentCard> Cards { get; private set; } = [];

    /// <summary>Tasks whose sources name no lead department: shown as a count rather than attributed to anyone.</summary>
    public int WithoutLead { get; private set; }

    public async Task<IActionResult> OnGetExport(string? format, CancellationToken ct)
    {
        var f = Features.Export.TableExport.Format(format);
        if (f is null)
            return BadRequest();
        if (await OnGet(ct) is not PageResult)
            return NotFound();
        var statuses = new[] { Domain.ProgressStatus.Met, Domain.ProgressStatus.OnTrack, Domain.ProgressStatus.AtRisk, Domain.ProgressStatus.Lagging, Domain.ProgressStatus.NotAssessable };
        var table = new Features.Export.ExportTable("部门进展", ["部门", "牵头任务", "配合任务", "已完成", "按序时推进", "有风险", "滞后", "无法评估", "滞后或有风险的任务"],
            Cards.Select(c => (IReadOnlyList<object?>)[c.Department, c.Led, c.Supported, .. statuses.Select(s => (object?)c.LedByStatus[s]),
                string.Join("；", c.Lagging.Select(t => t.Task.Code + " " + t.Task.Name))]).ToList());
        var (content, type, name) = Features.Export.TableExport.Write(f, table);
        return File(content, type, name);
    }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var overview = await queries.Overview(AsOf, ct);
        if (overview is null)
            return NotFound();
        Overview = overview;
        Cards = DepartmentScorecard.Build(overview.Homes);
        WithoutLead = Domain.Overview.Tasks(overview.Homes).Count(t => t.Task.LeadDepartment is null);
        return Page();
    }
}
