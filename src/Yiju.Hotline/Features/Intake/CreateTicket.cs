using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Taxonomy;
using Yiju.Kernel;
using Yiju.Kernel.Auditing;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Geo;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Intake;

/// <summary>What an operator types, a resident submits or an Open311 client posts. A blank category from a resident is filled by the routing suggester.</summary>
public sealed record IntakeCommand(
    TicketType Type,
    string? CategoryCode,
    string? Text,
    Channel Channel,
    Urgency Urgency = Urgency.Normal,
    string? Title = null,
    string? CallerName = null,
    string? CallerPhone = null,
    string? Address = null,
    double? Latitude = null,
    double? Longitude = null);

public sealed record CreatedTicket(Guid Id, string Number, bool AlreadyExisted);

/// <summary>受理: records a ticket from the operator's intake screen, the public form or Open311.</summary>
public sealed class CreateTicket(IHotlineDb db, IDistrictLookup districts, TimeProvider clock, CategoryCatalogue catalogue, IHotlineDirectory directory,
    Knowledge.KnowledgeBase knowledge, Settings.SettingsCache settings, IntakeWriter writer, IAuditActor auditActor)
{
    public const string FallbackCategory = "other.general";
    public const int MaxIdempotencyKeyLength = 100;

    /// <summary>An operator (or other centre role) records a call.</summary>
    public async Task<Outcome<CreatedTicket>> ByStaff(IntakeCommand command, Caller caller, CancellationToken ct) =>
        await ByStaff(command, caller, null, ct);

    /// <summary>
    /// Records a call and, with <paramref name="resolveWithEntryId"/>, resolves it at once (直接办结) with that knowledge-base
    /// entry's answer, the citation on the timeline. Both happen in one save: there is never an accepted ticket left behind
    /// by a refused resolution.
    /// </summary>
    public async Task<Outcome<CreatedTicket>> ByStaff(IntakeCommand command, Caller caller, long? resolveWithEntryId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await directory.ActorFor(caller, ct);
        var bureauPetition = actor is { PetitionBureau: true } && command.Type == TicketType.Petition;
        if (actor is null || (!TicketWorkflow.RuleFor(TicketAction.Accept).Roles.Contains(actor.Role) && !bureauPetition))
            return Failure.Forbidden("只有12345中心人员可以受理工单，信访局可以登记信访事项 (only the hotline centre records tickets; the petition bureau registers petitions)");
        Func<Ticket, DateTime, TransitionResult>? then = null;
        if (resolveWithEntryId is { } entryId)
        {
            if (!TicketWorkflow.RuleFor(TicketAction.ResolveAtIntake).Roles.Contains(actor.Role))
                return Failure.Forbidden("无权直接办结 (not allowed to resolve at intake)");
            var entry = await knowledge.Citable(entryId, ct);
            if (!entry.Succeeded)
                return entry.Failure!;
            var e = entry.Value!;
            var cited = KnowledgeMatcher.CitationNote(e.Answer, e.Id, e.Version, e.Title, e.Source);
            then = (ticket, now) => ticket.ResolveAtIntake(actor, now, cited);
        }
        return await Create(command, actor, null, ct, then);
    }

    /// <summary>
    /// A resident with no account (public form, Open311). The same <paramref name="idempotencyKey"/> again returns the
    /// ticket it created, so a repeated POST never makes a second ticket. The web form needs a phone (it is how a
    /// resident tracks the ticket); Open311 clients track by service_request_id.
    /// </summary>
    public async Task<Outcome<CreatedTicket>> ByResident(IntakeCommand command, string channelName, string? idempotencyKey, bool requirePhone, CancellationToken ct)
    {
        if (idempotencyKey is { Length: > MaxIdempotencyKeyLength })
            return Failure.Invalid("idempotencyKey", "幂等键过长 (idempotency key too long)");
        if (requirePhone && string.IsNullOrWhiteSpace(command.CallerPhone))
            return Failure.Invalid("callerPhone", "请留下联系电话，凭工单号和电话查询进度 (a phone number is required to follow the ticket)");
        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim();
        if (key is not null && await Existing(key, ct) is { } existing)
            return existing;
        var outcome = await Create(command, Actor.Resident(channelName), key, ct);
        if (!outcome.Succeeded && key is not null && await Existing(key, ct) is { } raced)
            return raced;
        return outcome;
    }

    private async Task<CreatedTicket?> Existing(string key, CancellationToken ct) =>
        await db.SubmissionKeys.AsNoTracking().Where(k => k.Key == key)
            .Join(db.Tickets, k => k.TicketId, t => t.Id, (k, t) => new CreatedTicket(t.Id, t.Number, true))
            .FirstOrDefaultAsync(ct);

    private async Task<Outcome<CreatedTicket>> Create(IntakeCommand command, Actor actor, string? idempotencyKey, CancellationToken ct,
        Func<Ticket, DateTime, TransitionResult>? then = null)
    {
        if ((command.Latitude is null) != (command.Longitude is null))
            return Failure.Invalid("latitude", "经纬度须同时填写 (latitude and longitude go together)");
        GeoPoint? point = command.Latitude is { } lat && command.Longitude is { } lon ? new GeoPoint(lat, lon) : null;
        if (point is { IsValid: false })
            return Failure.Invalid("latitude", "坐标无效 (invalid WGS84 coordinates)");

        var categoryCode = command.CategoryCode?.Trim();
        if (string.IsNullOrEmpty(categoryCode) && actor.Role == HotlineRole.Resident)
        {
            var suggested = await catalogue.Suggest(command.Text, ct);
            categoryCode = suggested.Count > 0 ? suggested[0].Code : FallbackCategory;
        }
        if (string.IsNullOrEmpty(categoryCode) || !await IsSelectableLeaf(categoryCode, ct))
            return Failure.Invalid("categoryCode", $"分类 '{categoryCode}' 不存在或已停用，请选择二级分类 (unknown or inactive category; choose a second-level one)");

        var match = point is { } p ? districts.Find(p) : null;
        var intake = new TicketIntake(command.Type, categoryCode, command.Text ?? string.Empty, command.Channel, command.Urgency,
            Blank(command.Title), Blank(command.CallerName), Blank(command.CallerPhone), Blank(command.Address), point, match?.DistrictId, match?.StreetId);
        var errors = intake.Validate();
        if (errors.Count > 0)
            return Failure.Invalid(string.Join(" ", errors));

        var now = clock.GetUtcNow().UtcDateTime;
        var prefix = TicketNumber.PrefixFor(command.Type);
        var id = Guid.CreateVersion7();
        // The number is given by the writer, which reserves numbers for all the tickets it saves together.
        return await writer.Write(new IntakeWrite(auditActor.Name, prefix, ChinaTime.DateOf(now), now, idempotencyKey, number =>
        {
            var ticket = Ticket.Accept(id, number, intake, actor, now);
            if (then?.Invoke(ticket, now) is { Succeeded: false } refused)
                return refused.ToFailure();
            return ticket;
        }));
    }

    /// <summary>
    /// A second-level category that is active under an active parent. The set (a hundred-odd codes) is read once per
    /// <see cref="Settings.SettingsCache.MaxAge"/>, not per ticket: this runs on every ticket created.
    /// </summary>
    private async Task<bool> IsSelectableLeaf(string code, CancellationToken ct) =>
        (await settings.SelectableCategories(SelectableCodes, ct)).Contains(code);

    private async Task<IReadOnlySet<string>> SelectableCodes(CancellationToken ct)
    {
        var rows = await db.Categories.AsNoTracking().Select(c => new { c.Code, c.ParentCode, c.IsActive }).ToListAsync(ct);
        var activeTop = rows.Where(r => r.ParentCode is null && r.IsActive).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        return rows.Where(r => r.IsActive && r.ParentCode is { } p && activeTop.Contains(p)).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Issues the daily sequence with one atomic upsert, so several web nodes never hand out the same number.</summary>
public static class TicketNumbers
{
    /// <summary>Reserves <paramref name="count"/> numbers of the day and returns the last of them.</summary>
    public static async Task<int> Reserve(IHotlineDb db, string prefix, DateOnly shanghaiDate, int count, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var day = shanghaiDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        // On PostgreSQL, outside a caller's transaction, one autocommitted call (db/postgres/0018) that commits without
        // waiting for the WAL flush: the counter row is locked until its transaction ends, and committed synchronously
        // every group of tickets would wait for the previous one's flush. The tickets saved with the numbers commit
        // after it and are flushed, WAL in order, before they are acknowledged, so a number of an acknowledged ticket
        // is never lost or issued twice. A reservation whose tickets are not saved leaves a gap, never a repeat.
        if (db.Database.CurrentTransaction is null && IsPostgres(db))
            return (await db.Database.SqlQuery<int>($"SELECT yiju_reserve_ticket_numbers({prefix}, {day}, {count}) AS \"Value\"").ToListAsync(ct)).Single();
        var values = await db.Database.SqlQuery<int>($"""
            INSERT INTO hotline_number_counter (prefix, day, last_number) VALUES ({prefix}, {day}, {count})
            ON CONFLICT (prefix, day) DO UPDATE SET last_number = hotline_number_counter.last_number + {count}
            RETURNING last_number AS "Value"
            """).ToListAsync(ct);
        return values.Single();
    }

    private static bool IsPostgres(IHotlineDb db) => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
}
