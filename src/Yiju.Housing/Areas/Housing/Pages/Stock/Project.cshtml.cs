using Microsoft.AspNetCore.Mvc;
using Yiju.Housing.Features;
using Yiju.Housing.Features.Stock;

namespace Yiju.Housing.Areas.Housing.Pages.Stock;

/// <summary>One project's flats; the bureau adds flats.</summary>
public sealed class ProjectModel(StockHandlers stock, HousingAccess access) : HousingPageModel
{
    public ProjectView? Project { get; private set; }
    public IReadOnlyList<FlatView> Flats { get; private set; } = [];
    public bool IsBureau { get; private set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public double AreaM2 { get; set; }

    [BindProperty]
    public int Rooms { get; set; }

    [BindProperty]
    public int Floor { get; set; }

    public async Task<IActionResult> OnGet(Guid id, CancellationToken ct) => await Load(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPost(Guid id, CancellationToken ct)
    {
        var outcome = await stock.AddFlat(new AddFlatCommand(id, Code, AreaM2, Rooms, Floor), Caller, ct);
        if (!outcome.Succeeded)
        {
            if (!await Load(id, ct))
                return NotFound();
            return Fail(outcome.Failure!);
        }
        Message = $"已登记房源 {Code} (flat added)";
        return Redirect($"/housing/stock/{id}");
    }

    private async Task<bool> Load(Guid id, CancellationToken ct)
    {
        if (await stock.Project(id, ct) is not { } p)
            return false;
        (Project, var flats) = p;
        Flats = flats;
        IsBureau = await access.Bureau(Caller, ct) is not null;
        return true;
    }
}
