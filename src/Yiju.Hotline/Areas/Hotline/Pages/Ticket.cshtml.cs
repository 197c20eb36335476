using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Api;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Knowledge;
using Yiju.Hotline.Features.Queries;
using Yiju.Hotline.Features.Taxonomy;
using Yiju.Hotline.Features.Workflow;
using Yiju.Kernel;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>One ticket: its details, its timeline, and a form for each action the caller may take now.</summary>
public sealed class TicketModel(TicketQueries queries, TransitionTicket transition, IHotlineDirectory directory, CategoryCatalogue catalogue,
    KnowledgeBase knowledge) : HotlinePageModel
{
    public TicketView? Ticket { get; private set; }
    public IReadOnlyList<HotlineUnit> Departments { get; private set; } = [];
    public IReadOnlyList<HotlineUnit> Districts { get; private set; } = [];
    public IReadOnlyList<HotlineUnit> Streets { get; private set; } = [];
    public SuggestedUnitResponse? SuggestedUnit { get; private set; }
    public IReadOnlyList<MergeSuggestion> Duplicates { get; private set; } = [];
    public IReadOnlyList<KnowledgeSuggestion> Knowledge { get; private set; } = [];
    public IReadOnlyList<CategoryItem> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGet(Guid id, CancellationToken ct)
    {
        var outcome = await queries.Detail(id, Caller, ct);
        if (!outcome.Succeeded)
            return outcome.Failure!.Kind == FailureKind.NotFound ? NotFound() : ForbidOr(outcome.Failure);
        await Load(outcome.Value!, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAct(Guid id, string? action, int version, string? note, string? unit, bool? resolved, string? satisfaction,
        DateOnly? dueDate, bool flagged, string? targetNumber, string? text, string? categoryCode, long? kbEntryId, CancellationToken ct)
    {
        var request = new TransitionRequest(version, note, UnitPart(unit, 0), long.TryParse(UnitPart(unit, 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var unitId) ? unitId : null, resolved, string.IsNullOrEmpty(satisfaction) ? null : satisfaction, dueDate, flagged, targetNumber,
            text, categoryCode, kbEntryId);
        var parsed = HotlineApi.ToTransition(action ?? string.Empty, request);
        var outcome = parsed.Succeeded ? await transition.Handle(id, parsed.Value!, Caller, ct) : parsed.Failure!;
        if (outcome.Succeeded)
            return Redirect($"/hotline/ticket/{id}");
        if (outcome.Failure!.Kind == FailureKind.Forbidden)
            return Forbid();
        var failure = outcome.Failure;
        var current = await queries.Detail(id, Caller, ct);
        if (!current.Succeeded)
            return NotFound();
        await Load(current.Value!, ct);
        Show(failure);
        return Page();
    }

    private static string? UnitPart(string? unit, int index) => unit?.Split(':') is { Length: 2 } parts ? parts[index] : null;

    private async Task Load(TicketView ticket, CancellationToken ct)
    {
        Ticket = ticket;
        var actions = ticket.Actions.Select(a => a.Action).ToHashSet(StringComparer.Ordinal);
        if (actions.Contains(nameof(TicketAction.ResolveAtIntake)))
            Knowledge = await knowledge.SuggestFor(ticket.CategoryCode, ticket.Text, ct);
        if (actions.Contains(nameof(TicketAction.EditText)))
            Categories = (await catalogue.List(ct)).Where(c => c.IsActive).ToList();
        if (actions.Contains(nameof(TicketAction.Merge)))
            Duplicates = await queries.Duplicates(ticket.Id, Caller, ct);
        if (actions.Contains(nameof(TicketAction.Dispatch)) || actions.Contains(nameof(TicketAction.Arbitrate)))
        {
            Departments = await directory.Units(UnitKind.Department, ct);
            Districts = await directory.Units(UnitKind.District, ct);
            Streets = await directory.Units(UnitKind.Street, ct);
            var category = (await catalogue.List(ct)).FirstOrDefault(c => string.Equals(c.Code, ticket.CategoryCode, StringComparison.Ordinal));
            if (category is not null)
                SuggestedUnit = await HotlineApi.SuggestUnit(new CategorySuggestion(category.Code, category.NameZh, category.NameEn, 1, category.DefaultUnit, category.RouteLevel),
                    ticket.DistrictId, ticket.StreetId, directory, ct);
        }
        else if (actions.Contains(nameof(TicketAction.Forward)) && ticket.CurrentUnitId is { } district)
        {
            Streets = [.. (await directory.Units(UnitKind.Street, ct)).Where(s => s.DistrictId == district)];
        }
    }
}
