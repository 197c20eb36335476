using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Places.Domain;
using Yiju.Places.Features;

namespace Yiju.Places.Areas.Places.Pages;

/// <summary>The planner's list of facilities, by type and name, 50 a page, each with its network check and an edit link.</summary>
public sealed class FacilitiesModel(FacilityHandlers facilities) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<FacilityType> Types { get; private set; } = [];
    public IReadOnlyList<(FacilityView Facility, NetworkCheck Check)> Rows { get; private set; } = [];
    public string? Type { get; private set; }
    public string? Query { get; private set; }
    public int PageNumber { get; private set; }
    public int Total { get; private set; }

    public async Task OnGet(string? type, string? q, int? p, CancellationToken ct)
    {
        Types = await facilities.Types(ct);
        Type = Types.Any(t => t.Code == type) ? type : null;
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var all = await facilities.List(Type, ct);
        var matching = Query is null ? all : all.Where(f => f.Name.Contains(Query, StringComparison.OrdinalIgnoreCase)
            || (f.Address?.Contains(Query, StringComparison.OrdinalIgnoreCase) ?? false)).ToList();
        Total = matching.Count;
        PageNumber = Math.Clamp(p ?? 1, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        var rows = new List<(FacilityView, NetworkCheck)>();
        foreach (var f in matching.OrderByDescending(f => f.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize))
            rows.Add((f, (await facilities.Check(f.Latitude, f.Longitude, ct)).Value!));
        Rows = rows;
    }

    public string TypeName(string code)
    {
        var en = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        var t = Types.FirstOrDefault(x => x.Code == code);
        return t is null ? code : en && t.NameEn is not null ? t.NameEn : t.Name;
    }
}
