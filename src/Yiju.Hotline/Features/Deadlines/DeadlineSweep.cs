using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;

namespace Yiju.Hotline.Features.Deadlines;

public sealed record SweepResult(bool Ran, int Reminders, int Escalations, int Conflicts);

/// <summary>
/// One run of the reminder and escalation job: finds tickets whose running deadline is near or past, and for each notice
/// owed (<see cref="DeadlineNotices.Due"/>) appends the reminder or escalation to the ticket's timeline and records the
/// <see cref="DeadlineNotice"/> in one transaction. Exactly once is guarded twice: the lease lets one node run at a time,
/// and if runs still overlap (an expired lease, a slow node), the unique key on the notice and the ticket's version make
/// the second writer's transaction fail as a whole; it is counted as a conflict and the next run finds the notice done.
/// </summary>
public sealed class DeadlineSweep(IHotlineDb db, IHotlineDirectory directory, DeadlinePolicy policy, TimeProvider clock)
{
    public const string LeaseName = "hotline-deadlines";
    private const int ChunkSize = 500;

    private static readonly TicketStatus[] RunningStatuses =
        [TicketStatus.Accepted, TicketStatus.Dispatched, TicketStatus.InHandling, TicketStatus.Returned, TicketStatus.InArbitration];

    private readonly Dictionary<long, long?> _districtOfStreet = [];

    /// <summary>Runs if this node holds (or can take) the lease; <see cref="SweepResult.Ran"/> is false when another node holds it.</summary>
    public async Task<SweepResult> Run(string holder, TimeSpan leaseFor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await JobLeases.TryAcquire(db, LeaseName, holder, now, now + leaseFor, ct))
            return new SweepResult(false, 0, 0, 0);
        return await RunWithoutLease(ct);
    }

    /// <summary>The work itself, without asking for the lease: for tests that prove the unique keys alone keep it exactly once.</summary>
    public async Task<SweepResult> RunWithoutLease(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now + LongestWindow();
        var candidates = await db.Tickets.AsNoTracking()
            .Where(t => RunningStatuses.Contains(t.Status)
                && ((t.SignForDueUtc != null && t.SignForDueUtc <= horizon)
                    || (t.HandlingDueUtc != null && t.HandlingDueUtc <= horizon)
                    || (t.DecisionDueUtc != null && t.DecisionDueUtc <= horizon)))
            .Select(t => t.Id)
            .ToListAsync(ct);

        int reminders = 0, escalations = 0, conflicts = 0;
        foreach (var chunk in candidates.Chunk(ChunkSize))
        {
            var done = (await db.DeadlineNotices.AsNoTracking().Where(n => chunk.Contains(n.TicketId))
                    .Select(n => new { n.TicketId, n.Kind, n.DueUtc }).ToListAsync(ct))
                .Select(n => (n.TicketId, n.Kind, n.DueUtc)).ToHashSet();
            var tickets = await db.Tickets.AsNoTracking().Where(t => chunk.Contains(t.Id)).ToListAsync(ct);
            foreach (var snapshot in tickets)
            {
                if (Owed(snapshot, now, done).Count == 0)
                    continue;
                var (r, e, ok) = await Apply(snapshot.Id, now, done, ct);
                reminders += r;
                escalations += e;
                if (!ok)
                    conflicts++;
            }
        }
        return new SweepResult(true, reminders, escalations, conflicts);
    }

    private List<DueNotice> Owed(Ticket ticket, DateTime now, HashSet<(Guid, NoticeKind, DateTime)> done) =>
        [.. DeadlineNotices.Due(ticket, policy.RuleFor(ticket.Type, ticket.CategoryCode, ticket.Urgency), now)
            .Where(n => !done.Contains((ticket.Id, n.Kind, n.DueUtc)))];

    /// <summary>Loads the ticket afresh, appends what it is owed and saves ticket, events and notices in one transaction.</summary>
    private async Task<(int Reminders, int Escalations, bool Saved)> Apply(Guid id, DateTime now, HashSet<(Guid, NoticeKind, DateTime)> done, CancellationToken ct)
    {
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null)
            return (0, 0, true);
        int reminders = 0, escalations = 0;
        foreach (var notice in Owed(ticket, now, done))
        {
            var escalation = DeadlineNotices.IsEscalation(notice.Kind);
            long? district = escalation ? await SuperiorDistrict(ticket, ct) : null;
            var result = escalation
                ? ticket.Escalate(Actor.System, now, notice.Kind, notice.DueUtc, EscalatedToLabel(ticket, district))
                : ticket.Remind(Actor.System, now, notice.Kind, notice.DueUtc);
            if (!result.Succeeded)
                continue;
            db.DeadlineNotices.Add(new DeadlineNotice
            {
                TicketId = ticket.Id,
                TicketNumber = ticket.Number,
                Kind = notice.Kind,
                DueUtc = notice.DueUtc,
                CreatedAtUtc = now,
                Petition = ticket.Type == TicketType.Petition,
                UnitKind = ticket.CurrentUnitKind,
                UnitId = ticket.CurrentUnitId,
                EscalatedToDistrictId = district,
            });
            if (escalation)
                escalations++;
            else
                reminders++;
        }
        if (reminders + escalations == 0)
            return (0, 0, true);
        try
        {
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return (reminders, escalations, true);
        }
        catch (DbUpdateException)
        {
            // Another run wrote this notice, or someone acted on the ticket since we read it: nothing of ours was kept;
            // the next run looks again at the ticket as it now stands.
            db.ChangeTracker.Clear();
            return (0, 0, false);
        }
    }

    /// <summary>A street's ticket is also reported to the street's district; other units report to the centre only.</summary>
    private async Task<long?> SuperiorDistrict(Ticket ticket, CancellationToken ct)
    {
        if (ticket.CurrentUnitKind != UnitKind.Street || ticket.CurrentUnitId is not { } street)
            return null;
        if (!_districtOfStreet.TryGetValue(street, out var district))
        {
            district = (await directory.Find(UnitKind.Street, street, ct))?.DistrictId;
            _districtOfStreet[street] = district;
        }
        return district;
    }

    private static string EscalatedToLabel(Ticket ticket, long? district) => (ticket.Type, district) switch
    {
        (TicketType.Petition, _) => "信访局",
        (_, not null) => "12345中心和所属区",
        _ => "12345中心",
    };

    private TimeSpan LongestWindow() =>
        policy.Rules.Select(r => r.RemindBeforeSignFor > r.RemindBeforeHandling ? r.RemindBeforeSignFor : r.RemindBeforeHandling).Max();
}
