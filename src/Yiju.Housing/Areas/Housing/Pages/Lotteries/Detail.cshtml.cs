using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Yiju.Housing.Features;
using Yiju.Housing.Features.Lotteries;

namespace Yiju.Housing.Areas.Housing.Pages.Lotteries;

/// <summary>One lottery: what was published before the draw, the draw form for the bureau, and the results notice.</summary>
[EnableRateLimiting("anonymous")]
public sealed class DetailModel(LotteryHandlers lotteries, HousingAccess access) : HousingPageModel
{
    public LotteryView? Lottery { get; private set; }
    public IReadOnlyList<ResultRowView> Results { get; private set; } = [];
    public bool IsBureau { get; private set; }

    [BindProperty]
    public string? SecretHex { get; set; }

    [BindProperty]
    public string? PublicRandomValue { get; set; }

    public async Task<IActionResult> OnGet(Guid id, CancellationToken ct) => await Load(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPost(Guid id, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
            return Challenge();
        var outcome = await lotteries.Draw(id, new DrawLotteryCommand(SecretHex, PublicRandomValue), Caller, ct);
        SecretHex = null;
        if (!outcome.Succeeded)
        {
            if (!await Load(id, ct))
                return NotFound();
            return Fail(outcome.Failure!);
        }
        Message = "已开奖，结果公示开始 (drawn; the results notice has begun)";
        return Redirect($"/housing/lotteries/{id}");
    }

    private async Task<bool> Load(Guid id, CancellationToken ct)
    {
        Lottery = await lotteries.Get(id, ct);
        if (Lottery is null)
            return false;
        Results = await lotteries.Results(id, ct);
        IsBureau = await access.Bureau(Caller, ct) is not null;
        return true;
    }
}
