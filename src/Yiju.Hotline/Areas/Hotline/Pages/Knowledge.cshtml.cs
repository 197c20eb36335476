using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Knowledge;
using Yiju.Hotline.Features.Taxonomy;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>知识库: the centre's standard answers, searchable by every hotline user and edited (with history) by the centre.</summary>
public sealed class KnowledgeModel(KnowledgeBase kb, CategoryCatalogue catalogue, IHotlineDirectory directory) : HotlinePageModel
{
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }

    public IReadOnlyList<KnowledgeItem> Entries { get; private set; } = [];
    public IReadOnlyList<CategoryItem> Categories { get; private set; } = [];
    public IReadOnlyList<KnowledgeRevisionItem> History { get; private set; } = [];
    public KnowledgeItem? Editing { get; private set; }
    public SaveKnowledgeEntry Form { get; private set; } = new(null, null, null, null, null, null, null, null);
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var listed = await kb.List(Category, Q, All, Caller, ct);
        if (!listed.Succeeded)
            return ForbidOr(listed.Failure!);
        await Load(listed.Value!, ct);
        if (Id is { } id)
        {
            var entry = await kb.Get(id, Caller, ct);
            if (!entry.Succeeded)
                return NotFound();
            Edit(entry.Value!);
            History = (await kb.History(id, Caller, ct)).Value ?? [];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSave(long? id, int? version, string? categoryCode, string? title, string? answer, string? source,
        DateOnly? validFrom, DateOnly? validTo, bool isActive, CancellationToken ct)
    {
        var command = new SaveKnowledgeEntry(id, version, categoryCode, title, answer, source, validFrom, validTo, isActive);
        var saved = await kb.Save(command, Caller, ct);
        if (saved.Succeeded)
            return Redirect($"/hotline/knowledge?id={saved.Value!.Id}");
        if (saved.Failure!.Kind == Kernel.FailureKind.Forbidden)
            return Forbid();
        await Load((await kb.List(null, null, false, Caller, ct)).Value ?? [], ct);
        if (id is { } existing && (await kb.Get(existing, Caller, ct)).Value is { } current)
        {
            Editing = current;
            History = (await kb.History(existing, Caller, ct)).Value ?? [];
        }
        Form = command;
        Show(saved.Failure);
        return Page();
    }

    private void Edit(KnowledgeItem item)
    {
        Editing = item;
        Form = new SaveKnowledgeEntry(item.Id, item.Version, item.CategoryCode, item.Title, item.Answer, item.Source, item.ValidFrom, item.ValidTo, item.IsActive);
    }

    private async Task Load(IReadOnlyList<KnowledgeItem> entries, CancellationToken ct)
    {
        Entries = entries;
        Categories = (await catalogue.List(ct)).Where(c => c.IsActive).ToList();
        CanEdit = await directory.ActorFor(Caller, ct) is { } actor && TicketScope.IsCentre(actor);
    }
}
