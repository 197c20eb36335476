using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Places.Domain;
using Yiju.Places.Features;

namespace Yiju.Places.Areas.Places.Pages;

/// <summary>
/// Two saved runs side by side (by default the latest and the one before): settings, city coverage per type, and
/// districts (all types, or one type with its streets). Public like the map; who started a run shows to planners only.
/// </summary>
public sealed class CompareModel(PlacesQueries queries, FacilityHandlers facilities) : PageModel
{
    public IReadOnlyList<RunSummary> Runs { get; private set; } = [];
    public IReadOnlyList<FacilityType> Types { get; private set; } = [];
    public long? A { get; private set; }
    public long? B { get; private set; }
    public string? Type { get; private set; }
    public RunComparisonView? View { get; private set; }
    public bool NotFoundRun { get; private set; }

    public async Task OnGet(long? a, long? b, string? type, CancellationToken ct)
    {
        Runs = await queries.Runs(ct);
        Types = await facilities.Types(ct);
        Type = Types.Any(t => t.Code == type) ? type : null;
        A = a ?? (Runs.Count > 1 ? Runs[1].Id : null);
        B = b ?? (Runs.Count > 0 ? Runs[0].Id : null);
        if (A is not { } left || B is not { } right)
            return;
        View = await queries.Compare(left, right, PlacesPolicies.IsPlanner(User), ct);
        NotFoundRun = View is null;
        if (!PlacesPolicies.IsPlanner(User))
            Runs = Runs.Select(r => r with { StartedBy = "—" }).ToList();
    }

    public string TypeName(string code)
    {
        var en = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        var t = Types.FirstOrDefault(x => x.Code == code);
        return t is null ? code : en && t.NameEn is not null ? t.NameEn : t.Name;
    }
}
