using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Yiju.Housing.Data;
using Yiju.Housing.Features.Applications;
using Yiju.Housing.Features.Lotteries;

namespace Yiju.Housing.Areas.Housing.Pages;

/// <summary>Public notices: the first notice (资格公示) with its objection form, and each lottery's results notice (结果公示).</summary>
[EnableRateLimiting("anonymous")]
public sealed class NoticesModel(ApplicationQueries queries, LotteryHandlers lotteries, Objections objections) : HousingPageModel
{
    public IReadOnlyList<NoticeRowView> First { get; private set; } = [];
    public IReadOnlyList<LotteryView> Drawn { get; private set; } = [];

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Contact { get; set; }

    public async Task OnGet(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostObject(CancellationToken ct)
    {
        var outcome = await objections.Raise(Number, Text, Contact, ct);
        if (!outcome.Succeeded)
        {
            await Load(ct);
            return Fail(outcome.Failure!);
        }
        Message = "异议已记录，将由区住房保障部门或市住建局核实处理 (objection recorded)";
        return RedirectToPage();
    }

    private async Task Load(CancellationToken ct)
    {
        First = await queries.FirstNotice(ct);
        Drawn = (await lotteries.List(ct)).Where(l => l.State == LotteryState.Drawn).ToList();
    }
}
