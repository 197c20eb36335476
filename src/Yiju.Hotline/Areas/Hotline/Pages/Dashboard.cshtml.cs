using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Api;
using Yiju.Hotline.Features.Kpi;
using Yiju.Kernel;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>The month's rates with numerators and denominators, and rankings of departments, districts and streets.</summary>
public sealed class DashboardModel(KpiDashboard dashboard, TimeProvider clock) : HotlinePageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public Dashboard? Data { get; private set; }
    public Domain.YearMonth YearMonth { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        if (!HotlineApi.TryMonth(Month, clock, out var month))
            return ForbidOr(Failure.Invalid("month", "月份格式应为 yyyy-MM (month must be yyyy-MM)"));
        var outcome = await dashboard.Month(month, Caller, ct);
        if (!outcome.Succeeded)
            return ForbidOr(outcome.Failure!);
        Data = outcome.Value;
        YearMonth = month;
        Month = Data!.Month;
        return Page();
    }

    public static string Percent(double? value) =>
        value is { } v ? v.ToString("P1", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
