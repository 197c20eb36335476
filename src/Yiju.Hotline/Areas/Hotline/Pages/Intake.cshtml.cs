using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Intake;
using Yiju.Hotline.Features.Knowledge;
using Yiju.Hotline.Features.Taxonomy;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>
/// 受理: the operator's keyboard-first form. The text comes first; "suggest" (Alt+S) fills the category from the routing
/// suggester without leaving the page; "accept" (Alt+A) records the ticket and opens it for dispatch.
/// </summary>
public sealed class IntakeModel(CreateTicket create, CategoryCatalogue catalogue, KnowledgeBase knowledge) : HotlinePageModel
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
    /// <summary>Standard answers for the chosen (or suggested) category and the caller's words: the operator may resolve at intake citing one.</summary>
    public IReadOnlyList<KnowledgeSuggestion> Knowledge { get; private set; } = [];

    public async Task OnGet(CancellationToken ct) => Categories = await catalogue.List(ct);

    public async Task<IActionResult> OnPostSuggest(CancellationToken ct)
    {
        Categories = await catalogue.List(ct);
        Suggestions = await catalogue.Suggest(Text, ct);
        if (string.IsNullOrEmpty(CategoryCode) && Suggestions.Count > 0)
            CategoryCode = Suggestions[0].Code;
        Knowledge = await knowledge.SuggestFor(CategoryCode, Text, ct);
        return Page();
    }

    /// <summary>直接办结: records the call and closes it at once with the chosen knowledge-base answer, cited on the timeline.</summary>
    public async Task<IActionResult> OnPostResolveKb(long kbEntryId, CancellationToken ct)
    {
        var outcome = await create.ByStaff(Command(), Caller, kbEntryId, ct);
        if (outcome.Succeeded)
            return Redirect($"/hotline/ticket/{outcome.Value!.Id}");
        Categories = await catalogue.List(ct);
        Suggestions = await catalogue.Suggest(Text, ct);
        Knowledge = await knowledge.SuggestFor(CategoryCode, Text, ct);
        return ForbidOr(outcome.Failure!);
    }

    private IntakeCommand Command() =>
        new(Type, CategoryCode, Text, Channel.Phone, Urgency, null, CallerName, CallerPhone, Address, Latitude, Longitude);

    public async Task<IActionResult> OnPostAccept(CancellationToken ct)
    {
        var outcome = await create.ByStaff(Command(), Caller, ct);
        if (outcome.Succeeded)
            return Redirect($"/hotline/ticket/{outcome.Value!.Id}");
        Categories = await catalogue.List(ct);
        Suggestions = await catalogue.Suggest(Text, ct);
        return ForbidOr(outcome.Failure!);
    }
}
