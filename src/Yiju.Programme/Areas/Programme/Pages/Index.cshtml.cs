using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Queries;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>The programme at a glance: six homes with their tasks counted by status, and the tasks behind 序时进度. Public.</summary>
public sealed class IndexModel(ProgrammeQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public OverviewView? Overview { get; private set; }

    public IReadOnlyList<TaskProgress> Lagging { get; private set; } = [];

    public async Task OnGet(CancellationToken ct)
    {
        Overview = await queries.Overview(AsOf, ct);
        if (Overview is not null)
            Lagging = Domain.Overview.Lagging(Overview.Homes).OrderByDescending(t => t.Status).ThenBy(t => t.Task.Code, StringComparer.Ordinal).ToList();
    }
}
