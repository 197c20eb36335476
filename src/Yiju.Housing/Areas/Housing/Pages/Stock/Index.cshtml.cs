using Microsoft.AspNetCore.Mvc;
using Yiju.Housing.Domain;
using Yiju.Housing.Features;
using Yiju.Housing.Features.Stock;

namespace Yiju.Housing.Areas.Housing.Pages.Stock;

/// <summary>Housing projects; the bureau registers new ones.</summary>
public sealed class IndexModel(StockHandlers stock, HousingAccess access) : HousingPageModel
{
    public IReadOnlyList<ProjectView> Projects { get; private set; } = [];
    public bool IsBureau { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? DistrictCode { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public SchemeKind Scheme { get; set; } = SchemeKind.PublicRental;

    [BindProperty]
    public DateOnly RaisedOn { get; set; } = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public async Task OnGet(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPost(CancellationToken ct)
    {
        var outcome = await stock.SaveProject(new SaveProjectCommand(Name, DistrictCode, Address, Scheme, RaisedOn), Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(ct);
            return Fail(outcome.Failure!);
        }
        return Redirect($"/housing/stock/{outcome.Value}");
    }

    private async Task Load(CancellationToken ct)
    {
        Projects = await stock.Projects(ct);
        IsBureau = await access.Bureau(Caller, ct) is not null;
    }
}
