using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Intake;
using Yiju.Hotline.Features.Taxonomy;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>
/// 受理: the operator's keyboard-first form. The text comes first; "suggest" (Alt+S) fills the category from the routing
/// suggester without leaving the page; "accept" (Alt+A) records the ticket and opens it for dispatch.
/// </summary>
public sealed class IntakeModel(CreateTicket create, CategoryCatalogue catalogue) : HotlinePageModel
{
    [BindProperty] public string? CallerName { get; set; }
    [BindProperty] public string? CallerPhone { get; set; }
    [BindProperty] public TicketType Type { get; set; } = TicketType.Complaint;
    [BindProperty] public Urgency Urgency { get; set; } = Urgency.Normal;
    [BindProperty] public string? CategoryCode { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public double? Latitude { get; set; }
    [BindProperty] public double? Longitude { get; set; }

    public IReadOnlyList<CategoryItem> Categories { get; private set; } = [];
    public IReadOnlyList<CategorySuggestion> Suggestions { get; private set; } = [];

    public async Task OnGet(CancellationToken ct) => Categories = await catalogue.List(ct);

    public async Task<IActionResult> OnPostSuggest(CancellationToken ct)
    {
        Categories = await catalogue.List(ct);
        Suggestions = await catalogue.Suggest(Text, ct);
        if (string.IsNullOrEmpty(CategoryCode) && Suggestions.Count > 0)
            CategoryCode = Suggestions[0].Code;
        return Page();
    }

    public async Task<IActionResult> OnPostAccept(CancellationToken ct)
    {
        var outcome = await create.ByStaff(new IntakeCommand(Type, CategoryCode, Text, Channel.Phone, Urgency, null, CallerName, CallerPhone, Address, Latitude, Longitude), Caller, ct);
        if (outcome.Succeeded)
            return Redirect($"/hotline/ticket/{outcome.Value!.Id}");
        Categories = await catalogue.List(ct);
        Suggestions = await catalogue.Suggest(Text, ct);
        return ForbidOr(outcome.Failure!);
    }
}
