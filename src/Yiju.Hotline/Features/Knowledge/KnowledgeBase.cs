using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Taxonomy;
using Yiju.Kernel;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Knowledge;

/// <summary>Create (Id null) or edit an entry; <see cref="Version"/> is the version the editor saw (409 when it moved).</summary>
public sealed record SaveKnowledgeEntry(long? Id, int? Version, string? CategoryCode, string? Title, string? Answer, string? Source,
    DateOnly? ValidFrom, DateOnly? ValidTo, bool IsActive = true);

public sealed record KnowledgeItem(long Id, int Version, string CategoryCode, string? CategoryName, string Title, string Answer, string Source,
    DateOnly? ValidFrom, DateOnly? ValidTo, bool IsActive, bool ValidToday, DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record KnowledgeRevisionItem(int Revision, string CategoryCode, string Title, string Answer, string Source, DateOnly? ValidFrom, DateOnly? ValidTo,
    bool IsActive, DateTimeOffset EditedAt, string EditedBy);

public sealed record KnowledgeSuggestion(long Id, int Version, string CategoryCode, string Title, string Answer, string Source, double Score, bool SameCategory);

/// <summary>
/// 知识库: standard answers the 12345 centre keeps for resolving calls at intake. Everyone in the hotline may read and
/// search it; only the centre (operators, administrators) edits it. Every save keeps the previous text as a revision.
/// </summary>
public sealed class KnowledgeBase(IHotlineDb db, IHotlineDirectory directory, CategoryCatalogue catalogue, TimeProvider clock)
{
    public const int MaxQueryLength = 200;

    public async Task<Outcome<List<KnowledgeItem>>> List(string? category, string? q, bool includeInactive, Caller caller, CancellationToken ct)
    {
        if (await directory.ActorFor(caller, ct) is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        if (q is { Length: > MaxQueryLength })
            return Failure.Invalid("q", "搜索词过长 (search text too long)");
        var query = db.KnowledgeEntries.AsNoTracking();
        if (!includeInactive)
            query = query.Where(e => e.IsActive);
        if (!string.IsNullOrWhiteSpace(category))
        {
            var prefix = category.Trim();
            query = query.Where(e => e.CategoryCode == prefix || e.CategoryCode.StartsWith(prefix + "."));
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(e => e.Title.Contains(text) || e.Answer.Contains(text) || e.Source.Contains(text));
        }
        var entries = await query.OrderBy(e => e.CategoryCode).ThenBy(e => e.Id).Take(500).ToListAsync(ct);
        var names = await CategoryNames(ct);
        var today = Today;
        return entries.Select(e => ToItem(e, names, today)).ToList();
    }

    public async Task<Outcome<KnowledgeItem>> Get(long id, Caller caller, CancellationToken ct)
    {
        if (await directory.ActorFor(caller, ct) is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        var entry = await db.KnowledgeEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        return entry is null ? Failure.NotFound("知识库条目不存在 (unknown entry)") : ToItem(entry, await CategoryNames(ct), Today);
    }

    public async Task<Outcome<List<KnowledgeRevisionItem>>> History(long id, Caller caller, CancellationToken ct)
    {
        if (await directory.ActorFor(caller, ct) is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        if (!await db.KnowledgeEntries.AnyAsync(e => e.Id == id, ct))
            return Failure.NotFound("知识库条目不存在 (unknown entry)");
        var revisions = await db.KnowledgeRevisions.AsNoTracking().Where(r => r.EntryId == id).OrderByDescending(r => r.Revision).ToListAsync(ct);
        return revisions.Select(r => new KnowledgeRevisionItem(r.Revision, r.CategoryCode, r.Title, r.Answer, r.Source, r.ValidFrom, r.ValidTo, r.IsActive,
            ChinaTime.ToShanghaiOffset(r.EditedAtUtc), r.EditedBy)).ToList();
    }

    /// <summary>Entries to offer for the chosen category and the caller's words, valid today, best first.</summary>
    public async Task<Outcome<List<KnowledgeSuggestion>>> Suggest(string? categoryCode, string? text, Caller caller, CancellationToken ct)
    {
        if (await directory.ActorFor(caller, ct) is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        if (text is { Length: > TicketIntake.MaxTextLength })
            return Failure.Invalid("text", "内容过长 (text too long)");
        return (await SuggestFor(categoryCode, text, ct)).ToList();
    }

    public async Task<IReadOnlyList<KnowledgeSuggestion>> SuggestFor(string? categoryCode, string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(categoryCode) && string.IsNullOrWhiteSpace(text))
            return [];
        var entries = await db.KnowledgeEntries.AsNoTracking().Where(e => e.IsActive).ToListAsync(ct);
        var byId = entries.ToDictionary(e => e.Id);
        return [.. KnowledgeMatcher.Rank(entries.Select(e => e.ToCandidate()), categoryCode, text, Today)
            .Select(m => (Match: m, Entry: byId[m.Id]))
            .Select(x => new KnowledgeSuggestion(x.Entry.Id, x.Entry.Version, x.Entry.CategoryCode, x.Entry.Title, x.Entry.Answer, x.Entry.Source, x.Match.Score, x.Match.SameCategory))];
    }

    public async Task<Outcome<KnowledgeItem>> Save(SaveKnowledgeEntry command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await directory.ActorFor(caller, ct);
        if (actor is null || !TicketScope.IsCentre(actor))
            return Failure.Forbidden("只有12345中心可以编辑知识库 (only the hotline centre edits the knowledge base)");
        var errors = KnowledgeMatcher.Validate(command.CategoryCode, command.Title, command.Answer, command.Source, command.ValidFrom, command.ValidTo).ToList();
        var taxonomy = await catalogue.Load(ct);
        var code = command.CategoryCode?.Trim() ?? string.Empty;
        if (code.Length > 0 && taxonomy.Find(code) is null)
            errors.Add($"分类 '{code}' 不存在 (unknown category).");
        if (errors.Count > 0)
            return Failure.Invalid(string.Join(" ", errors));

        var now = clock.GetUtcNow().UtcDateTime;
        KnowledgeEntry entry;
        if (command.Id is { } id)
        {
            var found = await db.KnowledgeEntries.FirstOrDefaultAsync(e => e.Id == id, ct);
            if (found is null)
                return Failure.NotFound("知识库条目不存在 (unknown entry)");
            if (command.Version is not { } seen)
                return Failure.Invalid("version", "须提供所看到的版本 (send the version you read)");
            if (seen != found.Version)
                return Failure.Conflict($"条目已被他人修改（第{found.Version}版），请刷新后重试 (the entry changed since version {seen}; reload)");
            entry = found;
            // The data layer bumps Version on update; the revision row records the number it will have.
            entry.Version = found.Version + 1;
        }
        else
        {
            entry = new KnowledgeEntry { Version = 1 };
            db.KnowledgeEntries.Add(entry);
        }
        entry.CategoryCode = code;
        entry.Title = command.Title!.Trim();
        entry.Answer = command.Answer!.Trim();
        entry.Source = command.Source!.Trim();
        entry.ValidFrom = command.ValidFrom;
        entry.ValidTo = command.ValidTo;
        entry.IsActive = command.IsActive;
        entry.UpdatedAtUtc = now;
        entry.UpdatedBy = Truncate(actor.Name);
        // A new entry needs its id before its first revision: both saves share one transaction, so neither lands alone.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (command.Id is null)
                await db.SaveChangesAsync(ct);
            db.KnowledgeRevisions.Add(new KnowledgeRevision
            {
                EntryId = entry.Id,
                Revision = entry.Version,
                CategoryCode = entry.CategoryCode,
                Title = entry.Title,
                Answer = entry.Answer,
                Source = entry.Source,
                ValidFrom = entry.ValidFrom,
                ValidTo = entry.ValidTo,
                IsActive = entry.IsActive,
                EditedAtUtc = now,
                EditedBy = entry.UpdatedBy,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Failure.Conflict("条目已被他人修改，请刷新后重试 (someone else saved the entry first; reload)");
        }
        return ToItem(entry, await CategoryNames(ct), Today);
    }

    /// <summary>An entry an operator may cite today, or the reason not.</summary>
    public async Task<Outcome<KnowledgeEntry>> Citable(long id, CancellationToken ct)
    {
        var entry = await db.KnowledgeEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null)
            return Failure.Invalid("kbEntryId", "知识库条目不存在 (unknown knowledge-base entry)");
        if (!KnowledgeMatcher.IsValidOn(entry.ToCandidate(), Today))
            return Failure.Invalid("kbEntryId", "该知识库条目已停用或不在有效期内 (the entry is inactive or outside its validity)");
        return entry;
    }

    private DateOnly Today => ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);

    private async Task<Dictionary<string, string>> CategoryNames(CancellationToken ct) =>
        await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.NameZh, StringComparer.Ordinal, ct);

    private static KnowledgeItem ToItem(KnowledgeEntry e, Dictionary<string, string> names, DateOnly today) =>
        new(e.Id, e.Version, e.CategoryCode, names.GetValueOrDefault(e.CategoryCode), e.Title, e.Answer, e.Source, e.ValidFrom, e.ValidTo, e.IsActive,
            KnowledgeMatcher.IsValidOn(e.ToCandidate(), today), ChinaTime.ToShanghaiOffset(e.UpdatedAtUtc), e.UpdatedBy);

    private static string Truncate(string s) => s.Length <= 100 ? s : s[..100];
}
