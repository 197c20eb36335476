using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel.Security;
using Yiju.Organisation.Domain;
using Yiju.Organisation.Features.Units;

namespace Yiju.Organisation.Areas.Organisation.Pages;

/// <summary>Public: the map of the 18 district-level units and a searchable list.</summary>
public sealed class IndexModel(UnitQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<UnitSummary> Units { get; private set; } = [];
    public bool CanImport { get; private set; }

    public async Task OnGet(CancellationToken ct)
    {
        var search = Query is { Length: > 0 and <= 100 } q ? q.Trim() : null;
        Units = search is null
            ? await queries.List(UnitLevel.District, null, null, ct)
            : await queries.List(null, null, search, ct);
        CanImport = User.Grants().Any(g => g.Role is Role.CityAdmin or Role.DistrictStaff or Role.StreetStaff);
    }
}
