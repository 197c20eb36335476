using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Yiju.Data.Auditing;
using Yiju.Kernel.Calendar;
using Yiju.Web.Resources;

namespace Yiju.Web.Pages.Admin;

public sealed class AuditModel(AuditTrail trail, IStringLocalizer<SharedText> s) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];
    public int Total { get; private set; }
    public string? VerifyMessage { get; private set; }
    public bool VerifyOk { get; private set; }

    public async Task OnGet(CancellationToken ct)
    {
        // Dates typed by people are Beijing dates; the trail is stored in UTC.
        DateTime? fromUtc = From is { } f ? ChinaTime.StartOfDayUtc(f) : null;
        DateTime? toUtc = To is { } t ? ChinaTime.EndOfDayUtc(t) : null;
        var (rows, total) = await trail.Search(new AuditFilter(Actor, EntityType, EntityId, fromUtc, toUtc, PageNumber, PageSize), ct);
        Rows = rows;
        Total = total;
        EntityTypes = await trail.EntityTypes(ct);
    }

    public async Task<IActionResult> OnPostVerify(CancellationToken ct)
    {
        var (count, broken) = await trail.Verify(ct);
        VerifyOk = broken is null;
        VerifyMessage = broken is null
            ? string.Format(CultureInfo.CurrentCulture, s["Audit.Intact"], count)
            : string.Format(CultureInfo.CurrentCulture, s["Audit.Broken"], broken.Seq, broken.Kind, broken.Message);
        await OnGet(ct);
        return Page();
    }

    public string PageLink(int page)
    {
        var q = new QueryBuilder();
        if (!string.IsNullOrEmpty(Actor)) q.Add("actor", Actor);
        if (!string.IsNullOrEmpty(EntityType)) q.Add("entityType", EntityType);
        if (!string.IsNullOrEmpty(EntityId)) q.Add("entityId", EntityId);
        if (From is { } f) q.Add("from", f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (To is { } t) q.Add("to", t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        q.Add("page", page.ToString(CultureInfo.InvariantCulture));
        return "/admin/audit" + q.ToQueryString();
    }
}
