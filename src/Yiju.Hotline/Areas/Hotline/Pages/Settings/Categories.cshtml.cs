using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Settings;
using Yiju.Hotline.Features.Taxonomy;
using Yiju.Kernel;

namespace Yiju.Hotline.Areas.Hotline.Pages.Settings;

/// <summary>分类维护: add, rename, reroute and deactivate categories; delete only one nothing uses.</summary>
public sealed class CategoriesModel(CategoryCatalogue catalogue, HotlineSettings settings, IHotlineDirectory directory) : HotlinePageModel
{
    public IReadOnlyList<CategoryItem> Categories { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        if (await directory.ActorFor(Caller, ct) is null)
            return Forbid();
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAdd(string? parentCode, string? code, string? nameZh, string? nameEn, string? defaultUnit, UnitKind routeLevel, string? keywords, CancellationToken ct) =>
        await After((await settings.SaveCategory(new SaveCategory(code, parentCode, null, nameZh, nameEn, defaultUnit, routeLevel, SplitKeywords(keywords)), Caller, ct)).Failure, ct);

    public async Task<IActionResult> OnPostUpdate(string? code, int version, string? nameZh, string? nameEn, string? defaultUnit, UnitKind routeLevel, bool isActive, CancellationToken ct) =>
        await After((await settings.SaveCategory(new SaveCategory(code, null, version, nameZh, nameEn, defaultUnit, routeLevel, null, isActive), Caller, ct)).Failure, ct);

    public async Task<IActionResult> OnPostDelete(string? code, int version, CancellationToken ct) =>
        await After((await settings.DeleteCategory(code ?? string.Empty, version, Caller, ct)).Failure, ct);

    private static List<string> SplitKeywords(string? keywords) =>
        [.. (keywords ?? string.Empty).Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

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

    private async Task Load(CancellationToken ct)
    {
        Categories = await catalogue.List(ct);
        CanEdit = await directory.ActorFor(Caller, ct) is { } actor && TicketScope.IsCentre(actor);
    }
}
