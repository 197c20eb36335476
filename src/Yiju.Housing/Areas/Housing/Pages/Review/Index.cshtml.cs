using Microsoft.AspNetCore.Mvc;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Features;
using Yiju.Housing.Features.Applications;

namespace Yiju.Housing.Areas.Housing.Pages.Review;

/// <summary>The review queue in the caller's scope; the bureau also opens and closes notices here.</summary>
public sealed class IndexModel(ApplicationQueries queries, NoticeBatch notices, HousingAccess access) : HousingPageModel
{
    public IReadOnlyList<QueueItem> Items { get; private set; } = [];
    public bool IsBureau { get; private set; }

    [BindProperty(SupportsGet = true)]
    public ApplicationStatus? Status { get; set; }

    public async Task<IActionResult> OnGet(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostNotice(ProcedureAction action, CancellationToken ct)
    {
        var outcome = await notices.Handle(action, Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(ct);
            return Fail(outcome.Failure!);
        }
        var r = outcome.Value!;
        Message = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"已处理{r.Done}户 (done: {r.Done})")
            + (r.Skipped.Count > 0 ? "；未处理 (skipped): " + string.Join("；", r.Skipped.Take(20)) : "");
        return RedirectToPage();
    }

    private async Task<IActionResult> Load(CancellationToken ct)
    {
        var outcome = await queries.Queue(Caller, Status, ct);
        if (!outcome.Succeeded)
            return Fail(outcome.Failure!);
        Items = outcome.Value!;
        IsBureau = await access.Bureau(Caller, ct) is not null;
        return Page();
    }
}
