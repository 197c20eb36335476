using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;

namespace Yiju.Hotline.Features.Taxonomy;

public sealed record CategoryItem(string Code, string? ParentCode, string NameZh, string NameEn, string DefaultUnit, UnitKind RouteLevel, bool IsActive)
{
    /// <summary>The version an editor saw, sent back with a change (409 when it moved).</summary>
    public int Version { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];
}

public sealed record CategorySuggestion(string Code, string NameZh, string NameEn, double Score, string DefaultUnit, UnitKind RouteLevel);

/// <summary>The editable taxonomy as stored (seeded once from the module's categories.json) and the routing suggester built on it.</summary>
public sealed class CategoryCatalogue(IHotlineDb db, RoutingModel model)
{
    /// <summary>Adds the seed categories that are not stored yet; returns how many. Existing (possibly edited) rows are left alone.</summary>
    public async Task<int> Seed(CancellationToken ct)
    {
        var existing = (await db.Categories.AsNoTracking().Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var category in CategoryTaxonomy.LoadSeed().All.OrderBy(c => c.ParentCode is null ? 0 : 1).ThenBy(c => c.Code, StringComparer.Ordinal))
        {
            if (existing.Contains(category.Code))
                continue;
            db.Categories.Add(category);
            added++;
        }
        if (added > 0)
        {
            await db.SaveChangesAsync(ct);
            model.Invalidate();
        }
        return added;
    }

    public async Task<CategoryTaxonomy> Load(CancellationToken ct) =>
        new(await db.Categories.AsNoTracking().ToListAsync(ct));

    public async Task<IReadOnlyList<CategoryItem>> List(CancellationToken ct) =>
        (await db.Categories.AsNoTracking().ToListAsync(ct))
            .OrderBy(c => c.TopLevelCode, StringComparer.Ordinal).ThenBy(c => c.ParentCode is null ? 0 : 1).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new CategoryItem(c.Code, c.ParentCode, c.NameZh, c.NameEn, c.DefaultUnit, c.RouteLevel, c.IsActive) { Version = c.Version, Keywords = c.Keywords })
            .ToList();

    public async Task<IReadOnlyList<CategorySuggestion>> Suggest(string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [];
        var taxonomy = await Load(ct);
        var suggestions = await model.Suggest(db, taxonomy, text, ct);
        return [.. suggestions
            .Select(s => (Suggestion: s, Category: taxonomy.Find(s.Label)))
            .Where(x => x.Category is not null && taxonomy.IsSelectable(x.Category.Code))
            .Select(x => new CategorySuggestion(x.Category!.Code, x.Category.NameZh, x.Category.NameEn, x.Suggestion.Score, x.Category.DefaultUnit, x.Category.RouteLevel))];
    }
}

/// <summary>
/// One routing suggester per process: starts from the taxonomy's keyword rules, learns from the deployment's confirmed
/// (dispatched) tickets on first use, then learns from each dispatch as it happens.
/// </summary>
public sealed class RoutingModel
{
    public const int InitialTrainingTickets = 20_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _sync = new();
    private RoutingSuggester? _suggester;

    public void Invalidate() => _suggester = null;

    public async Task<IReadOnlyList<RoutingSuggestion>> Suggest(IHotlineDb db, CategoryTaxonomy taxonomy, string text, CancellationToken ct)
    {
        var suggester = await Get(db, taxonomy, ct);
        lock (_sync)
            return suggester.Suggest(text, 3);
    }

    private async Task<RoutingSuggester> Get(IHotlineDb db, CategoryTaxonomy taxonomy, CancellationToken ct)
    {
        if (_suggester is { } ready)
            return ready;
        await _gate.WaitAsync(ct);
        try
        {
            if (_suggester is { } built)
                return built;
            var suggester = new RoutingSuggester(taxonomy.KeywordRules());
            var confirmed = await db.Tickets.AsNoTracking()
                .Where(t => t.FirstDispatchedAtUtc != null)
                .OrderByDescending(t => t.FirstDispatchedAtUtc)
                .Take(InitialTrainingTickets)
                .Select(t => new { t.OriginalText, t.CategoryCode })
                .ToListAsync(ct);
            foreach (var t in confirmed)
                suggester.Learn(t.OriginalText, t.CategoryCode);
            _suggester = suggester;
            return suggester;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A dispatch confirms the ticket's category; the model learns it if it has been built (otherwise the first build reads it).</summary>
    public void Learn(string text, string categoryCode)
    {
        if (_suggester is { } suggester)
        {
            lock (_sync)
                suggester.Learn(text, categoryCode);
        }
    }
}
