using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Queries;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>One home: its goals, each with its tasks and their status. Public.</summary>
public sealed class HomesModel(ProgrammeQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public OverviewView Overview { get; private set; } = null!;

    public HomeProgress Home { get; private set; } = null!;

    public async Task<IActionResult> OnGet(string code, CancellationToken ct)
    {
        var overview = await queries.Overview(AsOf, ct);
        if (overview?.Home(code) is not { } home)
            return NotFound();
        Overview = overview;
        Home = home;
        return Page();
    }
}
