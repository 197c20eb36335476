using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Settings;
using Yiju.Kernel;

namespace Yiju.Hotline.Areas.Hotline.Pages.Settings;

/// <summary>状态名称: the city's wording for each fixed status; the lifecycle category and Open311 status it maps to stay fixed.</summary>
public sealed class LabelsModel(HotlineSettings settings, IHotlineDirectory directory) : HotlinePageModel
{
    public IReadOnlyList<StatusLabelItem> Labels { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var failure = await Load(ct);
        return failure is null ? Page() : ForbidOr(failure);
    }

    public async Task<IActionResult> OnPost(TicketStatus status, int? version, string? labelZh, string? labelEn, CancellationToken ct)
    {
        var outcome = await settings.SaveLabel(new SaveStatusLabel(status, version, labelZh, labelEn), Caller, ct);
        if (outcome.Succeeded)
            return RedirectToPage();
        if (outcome.Failure!.Kind == FailureKind.Forbidden)
            return Forbid();
        await Load(ct);
        Show(outcome.Failure);
        return Page();
    }

    private async Task<Failure?> Load(CancellationToken ct)
    {
        var labels = await settings.StatusLabelList(Caller, ct);
        if (!labels.Succeeded)
            return labels.Failure;
        Labels = labels.Value!;
        CanEdit = await directory.ActorFor(Caller, ct) is { } actor && TicketScope.IsCentre(actor);
        return null;
    }
}
