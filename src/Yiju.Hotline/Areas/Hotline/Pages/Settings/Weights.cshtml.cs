using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Settings;
using Yiju.Kernel;

namespace Yiju.Hotline.Areas.Hotline.Pages.Settings;

/// <summary>考核权重: every published version of the composite weights; administrators publish a new one (never edit an old one).</summary>
public sealed class WeightsModel(HotlineSettings settings, IHotlineDirectory directory) : HotlinePageModel
{
    public IReadOnlyList<WeightsItem> Versions { get; private set; } = [];
    public bool CanPublish { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var failure = await Load(ct);
        return failure is null ? Page() : ForbidOr(failure);
    }

    public async Task<IActionResult> OnPost(int? basedOnVersion, DateOnly? effectiveFrom, string? response, string? resolution, string? satisfaction,
        string? onTimeClosing, string? basicallySatisfiedCredit, string? note, CancellationToken ct)
    {
        double[] values = new double[5];
        string?[] texts = [response, resolution, satisfaction, onTimeClosing, basicallySatisfiedCredit];
        for (var i = 0; i < texts.Length; i++)
        {
            if (!double.TryParse(texts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                await Load(ct);
                Show(Failure.Invalid("weights", "权重须为数字，如 0.4 (weights must be numbers such as 0.4)"));
                return Page();
            }
        }
        var outcome = await settings.Publish(new PublishWeights(basedOnVersion, effectiveFrom, values[0], values[1], values[2], values[3], values[4], note), Caller, ct);
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
        var versions = await settings.WeightVersions(Caller, ct);
        if (!versions.Succeeded)
            return versions.Failure;
        Versions = versions.Value!;
        CanPublish = await directory.ActorFor(Caller, ct) is { Role: HotlineRole.CityAdmin };
        return null;
    }
}
