using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Settings;
using Yiju.Hotline.Features.Taxonomy;
using Yiju.Kernel;

namespace Yiju.Hotline.Areas.Hotline.Pages.Settings;

/// <summary>办理时限: deadlines per type, category and urgency; the most specific rule applies to a ticket when it is dispatched.</summary>
public sealed class DeadlinesModel(HotlineSettings settings, CategoryCatalogue catalogue, IHotlineDirectory directory) : HotlinePageModel
{
    public IReadOnlyList<DeadlineRuleItem> Rules { get; private set; } = [];
    public IReadOnlyList<CategoryItem> Categories { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var failure = await Load(ct);
        return failure is null ? Page() : ForbidOr(failure);
    }

    public async Task<IActionResult> OnPostAdd(TicketType? type, string? categoryCode, Urgency? urgency, int signForAmount, DeadlineUnit signForUnit,
        int handlingAmount, DeadlineUnit handlingUnit, int remindSignFor, int remindHandling, CancellationToken ct) =>
        await After((await settings.SaveDeadlineRule(new SaveDeadlineRule(null, null, type, categoryCode, urgency, signForAmount, signForUnit, handlingAmount, handlingUnit,
            remindSignFor, remindHandling), Caller, ct)).Failure, ct);

    public async Task<IActionResult> OnPostUpdate(long id, int version, TicketType? type, string? categoryCode, Urgency? urgency, int signForAmount, DeadlineUnit signForUnit,
        int handlingAmount, DeadlineUnit handlingUnit, int remindSignFor, int remindHandling, CancellationToken ct) =>
        await After((await settings.SaveDeadlineRule(new SaveDeadlineRule(id, version, type, categoryCode, urgency, signForAmount, signForUnit, handlingAmount, handlingUnit,
            remindSignFor, remindHandling), Caller, ct)).Failure, ct);

    public async Task<IActionResult> OnPostDelete(long id, int version, CancellationToken ct) =>
        await After((await settings.DeleteDeadlineRule(id, version, Caller, ct)).Failure, ct);

    private async Task<IActionResult> After(Failure? failure, CancellationToken ct)
    {
        if (failure is null)
            return RedirectToPage();
        if (failure.Kind == FailureKind.Forbidden)
            return Forbid();
        await Load(ct);
        Show(failure);
        return Page();
    }

    private async Task<Failure?> Load(CancellationToken ct)
    {
        var rules = await settings.DeadlineRules(Caller, ct);
        if (!rules.Succeeded)
            return rules.Failure;
        Rules = rules.Value!;
        Categories = (await catalogue.List(ct)).Where(c => c.IsActive).ToList();
        CanEdit = await directory.ActorFor(Caller, ct) is { } actor && TicketScope.IsCentre(actor);
        return null;
    }
}
