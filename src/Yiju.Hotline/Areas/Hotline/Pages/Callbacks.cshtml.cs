using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Queries;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>回访: replied tickets waiting for the centre to call the citizen back, oldest reply first by deadline.</summary>
public sealed class CallbacksModel(TicketQueries queries) : HotlinePageModel
{
    [BindProperty(SupportsGet = true)] public int P { get; set; } = 1;

    public QueuePage? Queue { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var outcome = await queries.Queue(new QueueFilter([TicketStatus.Replied], Page: P), Caller, ct);
        if (!outcome.Succeeded)
            return ForbidOr(outcome.Failure!);
        Queue = outcome.Value;
        return Page();
    }
}
