using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Intake;
using Yiju.Hotline.Features.Taxonomy;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>
/// The public form: no sign-in, rate-limited. The form carries an idempotency key made when it was shown, so a double
/// click or a resubmitted page makes one ticket.
/// </summary>
[EnableRateLimiting("anonymous")]
public sealed class SubmitModel(CreateTicket create, CategoryCatalogue catalogue) : HotlinePageModel
{
    [BindProperty] public string? SubmissionKey { get; set; }
    [BindProperty] public TicketType Type { get; set; } = TicketType.Complaint;
    [BindProperty] public string? CategoryCode { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? CallerName { get; set; }
    [BindProperty] public string? CallerPhone { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public double? Latitude { get; set; }
    [BindProperty] public double? Longitude { get; set; }

    public IReadOnlyList<CategoryItem> Categories { get; private set; } = [];
    public string? Number { get; private set; }

    public async Task OnGet(string? number, CancellationToken ct)
    {
        Number = number is { Length: <= 32 } ? number : null;
        SubmissionKey = Guid.NewGuid().ToString("N");
        Categories = await catalogue.List(ct);
    }

    public async Task<IActionResult> OnPost(CancellationToken ct)
    {
        var type = Type is TicketType.Petition ? TicketType.Complaint : Type;
        var outcome = await create.ByResident(new IntakeCommand(type, CategoryCode, Text, Channel.WebForm, Urgency.Normal, null, CallerName, CallerPhone, Address, Latitude, Longitude),
            "网站 Web form", string.IsNullOrWhiteSpace(SubmissionKey) ? null : "web:" + SubmissionKey, requirePhone: true, ct);
        if (outcome.Succeeded)
            return RedirectToPage(new { number = outcome.Value!.Number });
        Categories = await catalogue.List(ct);
        Show(outcome.Failure!);
        return Page();
    }
}
