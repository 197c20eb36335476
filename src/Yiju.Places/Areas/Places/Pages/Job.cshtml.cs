using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Places.Domain;
using Yiju.Places.Features;

namespace Yiju.Places.Areas.Places.Pages;

/// <summary>
/// A queued analysis: its place in the queue, its progress while it runs, and, once it has succeeded, a redirect to the
/// result. Reloads itself every few seconds without JavaScript; with it, places-map.js polls the job instead.
/// </summary>
public sealed class JobModel(AnalysisJobs jobs) : PageModel
{
    public JobView Job { get; private set; } = null!;

    public async Task<IActionResult> OnGet(long id, CancellationToken ct)
    {
        var job = await jobs.Get(id, ct);
        if (job is null)
            return NotFound();
        if (job.Status == AnalysisJobStatus.Succeeded && job.RunId is { } run)
            return Redirect($"/places?run={run}");
        Job = job;
        return Page();
    }
}
