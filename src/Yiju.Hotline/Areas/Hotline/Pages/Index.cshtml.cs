using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Api;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Deadlines;
using Yiju.Hotline.Features.Queries;
using Yiju.Hotline.Features.Workflow;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>The work queue: the tickets the caller's unit holds (the centre: every open ticket), nearest deadline first, with bulk sign-for.</summary>
public sealed class IndexModel(TicketQueries queries, TransitionTicket transition, NoticeQueries notices) : HotlinePageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int P { get; set; } = 1;

    public QueuePage? Queue { get; private set; }
    public IReadOnlyList<NoticeRow> Notices { get; private set; } = [];
    public bool CanSignFor => Queue?.ActorRole is nameof(HotlineRole.DepartmentStaff) or nameof(HotlineRole.DistrictStaff) or nameof(HotlineRole.StreetStaff);

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var statuses = new List<TicketStatus>();
        if (!string.IsNullOrEmpty(Status) && HotlineApi.TryEnum<TicketStatus>(Status, out var s))
            statuses.Add(s);
        var outcome = await queries.Queue(new QueueFilter(statuses, Overdue, Category, Q, P), Caller, ct);
        if (!outcome.Succeeded)
            return ForbidOr(outcome.Failure!);
        Queue = outcome.Value;
        var owed = await notices.For(Caller, ct);
        if (owed.Succeeded)
            Notices = owed.Value!;
        return Page();
    }

    /// <summary>批量签收: each selected row carries "id|version"; rows that moved meanwhile are reported, the rest are signed for.</summary>
    public async Task<IActionResult> OnPostSignFor(string[] selected, CancellationToken ct)
    {
        foreach (var item in selected)
        {
            var parts = item.Split('|');
            if (parts.Length != 2 || !Guid.TryParse(parts[0], out var id) || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
                continue;
            var outcome = await transition.Handle(id, new TransitionCommand(TicketAction.SignFor, version), Caller, ct);
            if (!outcome.Succeeded)
                Errors.Add(outcome.Failure!.Message);
        }
        if (Errors.Count == 0)
            return RedirectToPage();
        var errors = Errors.ToList();
        await OnGet(ct);
        Errors.Clear();
        Errors.AddRange(errors);
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status409Conflict;
        return Page();
    }
}
