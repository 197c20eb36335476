using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Places.Domain;
using Yiju.Places.Features;

namespace Yiju.Places.Areas.Places.Pages;

public sealed class IndexModel(PlacesQueries queries, FacilityHandlers facilities) : PageModel
{
    public IReadOnlyList<FacilityType> Types { get; private set; } = [];
    public FacilityType? Selected { get; private set; }
    public RunDetail? Run { get; private set; }
    public TypeResult? TypeResult { get; private set; }
    public IReadOnlyList<CoverageRow> Districts { get; private set; } = [];
    public IReadOnlyList<CoverageRow> Streets { get; private set; } = [];
    public CoverageRow? City { get; private set; }
    public bool CanManage { get; private set; }

    public async Task OnGet(string? type, long? run, CancellationToken ct)
    {
        Types = await facilities.Types(ct);
        Selected = Types.FirstOrDefault(t => t.Code == type) ?? Types.FirstOrDefault(t => t.Code == FacilityTypeCatalogue.PrimarySchool) ?? Types.FirstOrDefault();
        CanManage = User.IsInRole("CityAdmin") || User.IsInRole("ProgrammeCoordinator") || User.IsInRole("DepartmentStaff");
        Run = await queries.Run(run, ct);
        if (Run is null || Selected is null)
            return;
        TypeResult = Run.Result.Types.FirstOrDefault(t => t.TypeCode == Selected.Code);
        var rows = await queries.Coverage(Run.Run.Id, Selected.Code, null, ct);
        City = rows.FirstOrDefault(r => r.AreaLevel == "city");
        Districts = rows.Where(r => r.AreaLevel == "district").OrderBy(r => r.CoveragePercent).ToList();
        Streets = rows.Where(r => r.AreaLevel == "street").OrderBy(r => r.CoveragePercent).ToList();
    }
}
