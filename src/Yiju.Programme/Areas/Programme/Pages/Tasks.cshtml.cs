using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Queries;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>One task: who leads it, where it comes from, and its indicators with their progress. Public.</summary>
public sealed class TasksModel(ProgrammeQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public OverviewView Overview { get; private set; } = null!;

    public HomeProgress Home { get; private set; } = null!;

    public Goal Goal { get; private set; } = null!;

    public TaskProgress Task { get; private set; } = null!;

    public async Task<IActionResult> OnGet(string code, CancellationToken ct)
    {
        var overview = await queries.Overview(AsOf, ct);
        if (overview?.Task(code) is not { } found)
            return NotFound();
        Overview = overview;
        (Home, Goal, Task) = found;
        return Page();
    }
}
