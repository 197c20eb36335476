using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Api;
using Yiju.Hotline.Features.Kpi;

namespace Yiju.Hotline.Areas.Hotline.Pages.Kpi;

/// <summary>下钻: the tickets behind one dashboard, ranking or hotspot figure, within the caller's scope.</summary>
public sealed class KpiTicketsModel(KpiDrillDown drill, TimeProvider clock) : HotlinePageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public long? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public long? District { get; set; }
    [BindProperty(SupportsGet = true, Name = "street")] public long? StreetId { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public DrillPage? Data { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var filter = HotlineViewsApi.ParseDrill(Month, Kind, Outcome, Level, Unit, Category, District, StreetId, PageNumber, clock);
        if (!filter.Succeeded)
            return ForbidOr(filter.Failure!);
        var outcome = await drill.Tickets(filter.Value!, Caller, ct);
        if (!outcome.Succeeded)
            return ForbidOr(outcome.Failure!);
        Data = outcome.Value;
        Month = Data!.Filter.Month.ToString();
        return Page();
    }
}
