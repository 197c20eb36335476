using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Programme.Features.Queries;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>Search the programme (public, like the tree it searches): homes, goals, tasks, indicators and departments.</summary>
public sealed class SearchModel(ProgrammeQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        if (Query is { Length: > 100 })
            Query = Query[..100];
        var programme = await queries.LoadTree(ct);
        if (programme is null)
            return NotFound();
        Hits = ProgrammeSearch.Find(programme, Query);
        return Page();
    }
}
