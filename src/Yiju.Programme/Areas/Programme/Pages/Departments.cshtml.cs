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
