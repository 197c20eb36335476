using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Queries;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>One task: who leads it, where it comes from, and its indicators with their progress. Public.</summary>
public sealed class TasksModel(ProgrammeQueries queries, Features.Reporting.OverdueReports overdue) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public OverviewView Overview { get; private set; } = null!;

    public HomeProgress Home { get; private set; } = null!;

    public Goal Goal { get; private set; } = null!;

    public TaskProgress Task { get; private set; } = null!;

    /// <summary>Overdue reports of the task's indicators (public, like the task's progress), by indicator code.</summary>
    public ILookup<string, Features.Reporting.OverdueFlag> Overdue { get; private set; } = Array.Empty<Features.Reporting.OverdueFlag>().ToLookup(o => o.IndicatorCode);

    public async Task<IActionResult> OnGet(string code, CancellationToken ct)
    {
        var overview = await queries.Overview(AsOf, ct);
        if (overview?.Task(code) is not { } found)
            return NotFound();
        Overview = overview;
        (Home, Goal, Task) = found;
        Overdue = (await overdue.For(Task.Indicators.Select(i => i.Indicator.Id).ToList(), ct)).ToLookup(o => o.IndicatorCode, StringComparer.Ordinal);
        return Page();
    }

    public async Task<IActionResult> OnGetExport(string code, string? format, CancellationToken ct)
    {
        var f = Features.Export.TableExport.Format(format);
        if (f is null)
            return BadRequest();
        if (await OnGet(code, ct) is not PageResult)
            return NotFound();
        var table = IndexModel.IndicatorTable(Task.Task.Code, [(Home, Task)]);
        var (content, type, name) = Features.Export.TableExport.Write(f, table);
        return File(content, type, name);
    }
}
