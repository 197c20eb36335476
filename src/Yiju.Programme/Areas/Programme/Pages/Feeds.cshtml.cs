using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Indicators;
using Yiju.Programme.Features.Feeds;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>
/// Figures other modules publish through the Kernel's indicator feeds, each labelled with its source and, where it
/// measures the same thing as one of the programme's indicators, shown beside that indicator's approved value. Public.
/// </summary>
public sealed class FeedsModel(FeedFigures figures, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public PeriodKey Shown { get; private set; }

    public IReadOnlyList<FedFigureView> Figures { get; private set; } = [];

    public IReadOnlyList<IIndicatorFeed> Feeds => figures.Feeds;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        if (string.IsNullOrWhiteSpace(Period))
            Shown = PeriodKey.Containing(today, PeriodType.Year);
        else if (PeriodKey.TryParse(Period.Trim().ToUpperInvariant(), out var p))
            Shown = p;
        else
        {
            Error = "报告期格式应为 2026、2026Q3 或 2026-07 (period must look like 2026, 2026Q3 or 2026-07)";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Shown = PeriodKey.Containing(today, PeriodType.Year);
            return Page();
        }

        var result = await figures.For(Shown, ct);
        if (result is null)
            return NotFound();
        Figures = result;
        return Page();
    }
}
