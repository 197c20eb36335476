using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Yiju.Housing.Features;
using Yiju.Housing.Features.Lotteries;
using Yiju.Housing.Features.Stock;

namespace Yiju.Housing.Areas.Housing.Pages.Lotteries;

/// <summary>Lotteries with their published hashes; the bureau prepares a new one here.</summary>
[EnableRateLimiting("anonymous")]
public sealed class IndexModel(LotteryHandlers lotteries, StockHandlers stock, HousingAccess access) : HousingPageModel
{
    public IReadOnlyList<LotteryView> Lotteries { get; private set; } = [];
    public IReadOnlyList<ProjectView> Projects { get; private set; } = [];
    public bool IsBureau { get; private set; }

    [BindProperty]
    public PrepareLotteryCommand? Prepare { get; set; }

    public async Task OnGet(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPost(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
            return Challenge();
        var outcome = await lotteries.Prepare(Prepare ?? new PrepareLotteryCommand(Guid.Empty, null, null, null), Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(ct);
            return Fail(outcome.Failure!);
        }
        Message = "已冻结入围名单并公布承诺值 (entrants frozen; commitment published)";
        return Redirect($"/housing/lotteries/{outcome.Value!.Id}");
    }

    private async Task Load(CancellationToken ct)
    {
        Lotteries = await lotteries.List(ct);
        IsBureau = await access.Bureau(Caller, ct) is not null;
        if (IsBureau)
            Projects = await stock.Projects(ct);
    }
}
