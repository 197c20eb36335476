using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Places.Domain;
using Yiju.Places.Features;

namespace Yiju.Places.Areas.Places.Pages;

/// <summary>The facility types with their standards and clauses, and whether each clause was checked against the standard's text.</summary>
public sealed class TypesModel(FacilityHandlers facilities) : PageModel
{
    public IReadOnlyList<FacilityType> Types { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task OnGet(CancellationToken ct)
    {
        Types = await facilities.Types(ct);
        CanEdit = PlacesPolicies.MayEditStandards(User);
    }
}
