using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Queries;

/// <summary>Work-queue filters. <see cref="Statuses"/> empty means the queue's default (live work for units, everything open for the centre).</summary>
public sealed record QueueFilter(IReadOnlyList<TicketStatus> Statuses, bool OverdueOnly = false, string? CategoryPrefix = null, string? Search = null, int Page = 1,
    string? After = null)
{
    public const int PageSize = 50;
    public const int MaxSearchLength = 100;

    /// <summary>
    /// Queues count their tickets up to this many and then say "more than": an exact count of tens of thousands of
    /// open tickets costs a scan of all of them on every page view, and nobody pages that far (the cursor does).
    /// </summary>
    public const int CountLimit = 1000;
}

/// <summary>
/// One page of a queue. <see cref="Next"/> is the keyset cursor of the following page (pass it back as <c>after</c>):
/// it continues after the last row shown, so deep pages cost what the first does and a ticket arriving meanwhile
/// neither repeats nor skips a row. <see cref="Page"/> numbers are kept for the pages' simple pager. <see cref="Total"/>
/// stops at <see cref="QueueFilter.CountLimit"/>; <see cref="TotalIsCapped"/> then says there are more.
/// </summary>
public sealed record QueuePage(IReadOnlyList<TicketRow> Rows, int Total, int Page, int PageSize, string ActorRole, string? UnitName, string? Next = null,
    bool TotalIsCapped = false);

/// <summary>The position of a row in the queue order (handling deadline, nulls last; accepted; number), as an opaque cursor.</summary>
public readonly record struct QueueCursor(DateTime? Due, DateTime Accepted, string Number)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{(Due is { } d ? d.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}.{Accepted.Ticks}.{Number}");

    public static bool TryParse(string? text, out QueueCursor cursor)
    {
        cursor = default;
        var parts = text?.Split('.', 3);
        if (parts is not { Length: 3 } || parts[2].Length is 0 or > 32)
            return false;
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        DateTime? due = null;
        if (parts[0] != "-")
        {
            if (!long.TryParse(parts[0], System.Globalization.NumberStyles.None, ci, out var dueTicks) || dueTicks > DateTime.MaxValue.Ticks)
                return false;
            due = new DateTime(dueTicks, DateTimeKind.Utc);
        }
        if (!long.TryParse(parts[1], System.Globalization.NumberStyles.None, ci, out var accepted) || accepted > DateTime.MaxValue.Ticks)
            return false;
        cursor = new QueueCursor(due, new DateTime(accepted, DateTimeKind.Utc), parts[2]);
        return true;
    }
}

/// <summary>What a resident sees when tracking with number and phone: no staff names, no other people's data.</summary>
public sealed record PublicTicket(string Number, string TypeLabel, string StatusLabel, string Lifecycle, DateTimeOffset AcceptedAt,
    DateTimeOffset? HandlingDue, string? UnitName, string? ReplyText, DateTimeOffset? ClosedAt, IReadOnlyList<PublicStep> Steps);

public sealed record PublicStep(DateTimeOffset At, string Label);

public sealed class TicketQueries(IHotlineDb db, IHotlineDirectory directory, DeadlinePolicy policy, TimeProvider clock, StatusLabels labels)
{
    private static readonly TicketStatus[] UnitDefault = [TicketStatus.Dispatched, TicketStatus.InHandling];
    private static readonly TicketStatus[] CentreDefault =
        [TicketStatus.Accepted, TicketStatus.Dispatched, TicketStatus.InHandling, TicketStatus.Returned, TicketStatus.InArbitration, TicketStatus.Replied];

    public async Task<Outcome<QueuePage>> Queue(QueueFilter filter, Caller caller, CancellationToken ct)
    {
        var actor = await directory.ActorFor(caller, ct);
        if (actor is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        if (filter.Search is { Length: > QueueFilter.MaxSearchLength })
            return Failure.Invalid("q", "搜索词过长 (search text too long)");
        QueueCursor? after = null;
        if (!string.IsNullOrEmpty(filter.After))
        {
            if (!QueueCursor.TryParse(filter.After, out var parsed))
                return Failure.Invalid("after", "翻页标记无效 (invalid page cursor)");
            after = parsed;
        }
        var statuses = filter.Statuses.Count > 0 ? filter.Statuses : TicketScope.IsCentre(actor) ? CentreDefault : UnitDefault;
        var now = clock.GetUtcNow().UtcDateTime;
        var openOnly = !statuses.Contains(TicketStatus.Closed) && !statuses.Contains(TicketStatus.Merged);
        var search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim();
        var source = IsPostgres && openOnly && search is not null && TicketTextSearch.Length(search) >= TicketTextSearch.MinIndexedLength
            ? TicketTextSearch.Candidates(db, search)
            : db.Tickets;
        var query = source.AsNoTracking().Where(TicketScope.VisibleTo(actor)).Where(t => statuses.Contains(t.Status));
        if (openOnly)
        {
            // Said with constants as well, so that the planner can use the open-ticket partial indexes (migration
            // 0012): it cannot prove that a parameter list excludes closed tickets.
            query = query.Where(t => t.Status != TicketStatus.Closed && t.Status != TicketStatus.Merged);
        }
        if (!string.IsNullOrWhiteSpace(filter.CategoryPrefix))
        {
            var prefix = filter.CategoryPrefix.Trim();
            query = query.Where(t => t.CategoryCode == prefix || t.CategoryCode.StartsWith(prefix + "."));
        }
        if (search is not null)
        {
            // The test that decides; on PostgreSQL the rows were first narrowed by the open-ticket character-pair index
            // (TicketTextSearch.Candidates), which holds open tickets only, so a search that includes closed ones scans.
            query = query.Where(t => t.Number == search || t.Text.Contains(search) || (t.Address != null && t.Address.Contains(search)));
        }
        if (filter.OverdueOnly)
        {
            query = query.Where(t => (t.Status == TicketStatus.Dispatched && t.SignForDueUtc <= now)
                || ((t.Status == TicketStatus.Dispatched || t.Status == TicketStatus.InHandling) && t.HandlingDueUtc <= now));
        }
        var counted = await query.Take(QueueFilter.CountLimit + 1).CountAsync(ct);
        var total = Math.Min(counted, QueueFilter.CountLimit);
        var page = Math.Max(1, filter.Page);
        if (after is { } c)
        {
            // Rows after the cursor in (due nulls last, accepted, number) order. string.Compare is translated to SQL
            // ("number > @num"), where the column's collation decides, the same one the ORDER BY uses.
            var (due, acc, num) = (c.Due, c.Accepted, c.Number);
#pragma warning disable CA1309
            query = due is { } d
                ? query.Where(t => t.HandlingDueUtc == null || t.HandlingDueUtc > d
                    || (t.HandlingDueUtc == d && (t.AcceptedAtUtc > acc || (t.AcceptedAtUtc == acc && string.Compare(t.Number, num) > 0))))
                : query.Where(t => t.HandlingDueUtc == null && (t.AcceptedAtUtc > acc || (t.AcceptedAtUtc == acc && string.Compare(t.Number, num) > 0)));
#pragma warning restore CA1309
        }
        // Nearest deadline first; tickets with no running deadline (at the centre) last, by age. PostgreSQL sorts nulls
        // last by itself, which lets it walk the (due, accepted, number) indexes; SQLite needs it said.
        var ordered = IsPostgres
            ? query.OrderBy(t => t.HandlingDueUtc).ThenBy(t => t.AcceptedAtUtc).ThenBy(t => t.Number)
            : query.OrderBy(t => t.HandlingDueUtc == null).ThenBy(t => t.HandlingDueUtc).ThenBy(t => t.AcceptedAtUtc).ThenBy(t => t.Number);
        var tickets = await (after is null ? ordered.Skip((page - 1) * QueueFilter.PageSize) : ordered)
            .Take(QueueFilter.PageSize)
            .ToListAsync(ct);
        string? unitName = null;
        if (actor.UnitId is { } unitId && UnitKindOf(actor.Role) is { } kind)
            unitName = (await directory.Find(kind, unitId, ct))?.Name;
        var next = tickets.Count == QueueFilter.PageSize ? new QueueCursor(tickets[^1].HandlingDueUtc, tickets[^1].AcceptedAtUtc, tickets[^1].Number).ToString() : null;
        return new QueuePage([.. tickets.Select(t => TicketMapping.ToRow(t, actor, policy, now, labels))], total, page, QueueFilter.PageSize, actor.Role.ToString(), unitName, next,
            counted > QueueFilter.CountLimit);
    }

    private bool IsPostgres => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    public async Task<Outcome<TicketView>> Detail(Guid id, Caller caller, CancellationToken ct)
    {
        var actor = await directory.ActorFor(caller, ct);
        if (actor is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Timeline).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null)
            return Failure.NotFound("工单不存在 (unknown ticket)");
        if (!TicketScope.CanSee(ticket, actor))
            return Failure.Forbidden("工单不在本单位范围内 (the ticket is outside your unit's scope)");
        var categoryName = await db.Categories.AsNoTracking().Where(c => c.Code == ticket.CategoryCode).Select(c => c.NameZh).FirstOrDefaultAsync(ct);
        return TicketMapping.ToView(ticket, actor, policy, clock.GetUtcNow().UtcDateTime, categoryName, labels);
    }

    /// <summary>
    /// 合并建议: open tickets of the same first-level category accepted within the detector's window, close by and
    /// with similar words. For the centre only (it decides merges); empty for everyone else.
    /// </summary>
    public async Task<IReadOnlyList<MergeSuggestion>> Duplicates(Guid id, Caller caller, CancellationToken ct)
    {
        var actor = await directory.ActorFor(caller, ct);
        if (actor is null || !TicketScope.IsCentre(actor))
            return [];
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null || ticket.Status is TicketStatus.Closed or TicketStatus.Merged)
            return [];
        var options = new DuplicateOptions();
        var (from, to) = (ticket.AcceptedAtUtc.AddDays(-options.MaxDaysApart), ticket.AcceptedAtUtc.AddDays(options.MaxDaysApart));
        var top = ticket.CategoryCode.Split('.')[0];
        var recent = await db.Tickets.AsNoTracking()
            .Where(t => t.Id != id && t.AcceptedAtUtc >= from && t.AcceptedAtUtc <= to
                && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Merged
                && (t.CategoryCode == top || t.CategoryCode.StartsWith(top + ".")))
            .OrderByDescending(t => t.AcceptedAtUtc).Take(500)
            .ToListAsync(ct);
        return DuplicateDetector.FindCandidates(ticket, recent, options);
    }

    public async Task<Guid?> IdOf(string number, CancellationToken ct) =>
        await db.Tickets.AsNoTracking().Where(t => t.Number == number).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);

    /// <summary>Public tracking: the number and the phone given at submission must both match; either wrong reads as "not found".</summary>
    public async Task<PublicTicket?> Track(string? number, string? phone, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(number) || string.IsNullOrWhiteSpace(phone) || number.Length > 32 || phone.Length > 20)
            return null;
        var trimmed = number.Trim();
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Timeline).FirstOrDefaultAsync(t => t.Number == trimmed, ct);
        if (ticket?.CallerPhone is null || !string.Equals(Digits(ticket.CallerPhone), Digits(phone), StringComparison.Ordinal) || Digits(phone).Length == 0)
            return null;
        var steps = ticket.Timeline.OrderBy(e => e.Sequence)
            .Where(e => e.Action is TicketAction.Accept or TicketAction.Dispatch or TicketAction.SignFor or TicketAction.Reply
                or TicketAction.Callback or TicketAction.Reopen or TicketAction.Close or TicketAction.ResolveAtIntake or TicketAction.ApproveExtension or TicketAction.Merge)
            .Select(e => new PublicStep(TicketMapping.At(e.AtUtc), TicketWorkflow.RuleFor(e.Action).LabelZh))
            .ToList();
        return new PublicTicket(ticket.Number, TicketMapping.TypeLabel(ticket.Type), labels.LabelZh(ticket.Status), ticket.Lifecycle.ToString(),
            TicketMapping.At(ticket.AcceptedAtUtc), TicketMapping.At(ticket.HandlingDueUtc), ticket.CurrentUnitName,
            ticket.RepliedAtUtc is null ? null : ticket.ReplyText, TicketMapping.At(ticket.ClosedAtUtc), steps);
    }

    public static UnitKind? UnitKindOf(HotlineRole role) => role switch
    {
        HotlineRole.DepartmentStaff => UnitKind.Department,
        HotlineRole.DistrictStaff => UnitKind.District,
        HotlineRole.StreetStaff => UnitKind.Street,
        HotlineRole.HotlineOperator or HotlineRole.CallbackOperator or HotlineRole.CentreSupervisor or HotlineRole.CityAdmin or HotlineRole.Resident => null,
        _ => null,
    };

    private static string Digits(string s) => new([.. s.Where(char.IsAsciiDigit)]);
}
