using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Api;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Kpi;
using Yiju.Kernel;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>热点与热力图: category × area spikes of the month (with the method stated) and the month's tickets on a map grid.</summary>
public sealed class HotspotsModel(HotspotQueries hotspots, TimeProvider clock) : HotlinePageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; } = nameof(UnitKind.Street);

    public HotspotReport? Report { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        if (!HotlineApi.TryMonth(Month, clock, out var month))
            return ForbidOr(Failure.Invalid("month", "月份格式应为 yyyy-MM (month must be yyyy-MM)"));
        Month = month.ToString();
        if (!HotlineApi.TryEnum<UnitKind>(Level ?? nameof(UnitKind.Street), out var level))
            return ForbidOr(Failure.Invalid("level", "区域层级应为 District 或 Street (level must be District or Street)"));
        var outcome = await hotspots.Month(month, level, Caller, ct);
        if (!outcome.Succeeded)
            return ForbidOr(outcome.Failure!);
        Report = outcome.Value;
        Level = Report!.Level;
        return Page();
    }
}
