using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;
using Yiju.Programme.Features;
using Yiju.Programme.Features.Queries;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>
/// Indicators broken down by district, compared across the 18 districts with a status per cell, and a choropleth of
/// one indicator drawn on the organisation's district boundaries (its public GeoJSON endpoint). Public.
/// </summary>
public sealed class DistrictsModel(ProgrammeQueries queries, IProgrammeDb db, IProgrammeDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    [BindProperty(SupportsGet = true, Name = "indicator")]
    public string? IndicatorCode { get; set; }

    public DateOnly Day { get; private set; }

    public IReadOnlyList<DistrictRef> Districts { get; private set; } = [];

    public IReadOnlyList<DistrictRow> Rows { get; private set; } = [];

    public DistrictRow? Chosen { get; private set; }

    /// <summary>What the map colours, per district code: value, status and label, computed here (CSP forbids inline script).</summary>
    public string MapData { get; private set; } = "{}";

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var programme = await queries.LoadTree(ct);
        if (programme is null)
            return NotFound();
        Day = AsOf ?? queries.Today;
        Districts = await directory.Districts(ct);
        var broken = programme.Indicators.Where(i => i.HasDistrictBreakdown).Select(i => i.Id).ToList();
        var current = await db.ReportedValues.AsNoTracking()
            .Where(v => broken.Contains(v.IndicatorId) && v.Status == ValueStatus.Approved && v.IsCurrent && v.DistrictCode != null)
            .ToListAsync(ct);
        Rows = DistrictComparison.Build(programme.Indicators.OrderBy(i => i.Code, StringComparer.Ordinal), current,
            Districts.Select(d => d.Code).ToList(), Day, programme.StartYear);
        var code = ProgrammeCodes.Normalise(IndicatorCode);
        Chosen = Rows.FirstOrDefault(r => r.Indicator.Code == code) ?? Rows.FirstOrDefault();
        if (Chosen is not null)
        {
            MapData = JsonSerializer.Serialize(Chosen.Cells.Where(c => c.Latest is not null).ToDictionary(
                c => c.DistrictCode,
                c => new { value = c.Latest!.Value, period = c.Latest.Period.ToString(), status = c.Status.ToString(), share = c.Assessment?.ShareOfTarget }));
        }

        return Page();
    }
}
