using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Kpi;
using Yiju.Hotline.Features.Queries;
using Yiju.Hotline.Features.Settings;
using Yiju.Kernel;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Petitions;

public sealed record PetitionStageCounts(int AwaitingDecision, int InHandling, int AwaitingEvaluation, int InReview, int Overdue, int DeclinedThisYear, int ClosedThisYear);

public sealed record PetitionTarget(string Label, RateFigure Figure, double Target, bool? Met);

public sealed record PetitionOverview(int Year, IReadOnlyList<TicketRow> Rows, PetitionStageCounts Counts, IReadOnlyList<PetitionTarget> Targets);

/// <summary>
/// The petition bureau's queue (市信访局): open petitions, nearest statutory deadline first, the count per stage, and this year's
/// on-time and satisfaction figures against the programme's targets (100% and 70%).
/// </summary>
public sealed class PetitionQueries(IHotlineDb db, IHotlineDirectory directory, DeadlinePolicy policy, TimeProvider clock, HotlineConfiguration configuration, StatusLabels labels)
{
    public const int Limit = 200;

    private static readonly TicketStatus[] Open =
        [TicketStatus.Accepted, TicketStatus.Dispatched, TicketStatus.InHandling, TicketStatus.Returned, TicketStatus.InArbitration, TicketStatus.Replied];

    /// <summary>The petition bureau and the centre see every petition; others have no petition queue.</summary>
    public static bool MayManage(Actor actor) => actor.PetitionBureau || TicketScope.IsCentre(actor);

    public async Task<Outcome<PetitionOverview>> Overview(Caller caller, CancellationToken ct)
    {
        var actor = await directory.ActorFor(caller, ct);
        if (actor is null || !MayManage(actor))
            return Failure.Forbidden("只有信访局和12345中心可以查看信访事项队列 (only the petition bureau and the centre have the petition queue)");
        var now = clock.GetUtcNow().UtcDateTime;
        var year = ChinaTime.DateOf(now).Year;
        var (start, end) = (ChinaTime.StartOfDayUtc(new DateOnly(year, 1, 1)), ChinaTime.StartOfDayUtc(new DateOnly(year + 1, 1, 1)));

        var open = await db.Tickets.AsNoTracking()
            .Where(t => t.Type == TicketType.Petition && Open.Contains(t.Status))
            .OrderBy(t => t.AcceptedAtUtc).Take(Limit)
            .ToListAsync(ct);
        var rows = open.Select(t => (Ticket: t, Due: NearestDue(t)))
            .OrderBy(x => x.Due is null).ThenBy(x => x.Due)
            .Select(x => TicketMapping.ToRow(x.Ticket, actor, policy, now, labels))
            .ToList();
        var counts = new PetitionStageCounts(
            open.Count(t => t.ReviewCount == 0 && t.PetitionAcceptedAtUtc is null && t.Status != TicketStatus.Replied),
            open.Count(t => t.Status == TicketStatus.InHandling),
            open.Count(t => t.Status == TicketStatus.Replied),
            open.Count(t => t.ReviewCount > 0),
            open.Count(t => policy.StateOf(t, now) == DeadlineState.Overdue),
            await db.Tickets.AsNoTracking().CountAsync(t => t.Type == TicketType.Petition && t.PetitionDeclined && t.ClosedAtUtc >= start && t.ClosedAtUtc < end, ct),
            await db.Tickets.AsNoTracking().CountAsync(t => t.Type == TicketType.Petition && t.Status == TicketStatus.Closed && t.ClosedAtUtc >= start && t.ClosedAtUtc < end, ct));

        var (onTime, satisfaction) = PetitionKpis.ForPeriod(await Snapshots(db, start, end, ct), start, end, now,
            (await configuration.Weights(ct)).For(YearMonth.Of(now)).BasicallySatisfiedCredit);
        IReadOnlyList<PetitionTarget> targets =
        [
            new("信访事项时限内办结率", new RateFigure(nameof(KpiKind.OnTimeClosing), "信访事项时限内办结率", onTime.Numerator, onTime.Denominator, onTime.Value),
                PetitionTargetCheck.OnTimeTarget, onTime.Value is { } o ? o >= PetitionTargetCheck.OnTimeTarget : null),
            new("信访工作群众满意率", new RateFigure(nameof(KpiKind.Satisfaction), "信访工作群众满意率", satisfaction.Numerator, satisfaction.Denominator, satisfaction.Value),
                PetitionTargetCheck.SatisfactionTarget, satisfaction.Value is { } s ? s >= PetitionTargetCheck.SatisfactionTarget : null),
        ];
        return new PetitionOverview(year, rows, counts, targets);
    }

    /// <summary>The petitions whose outcome or reply can fall in [start, end): due or replied from the start on.</summary>
    public static async Task<List<TicketSnapshot>> Snapshots(IHotlineDb db, DateTime startUtc, DateTime endUtc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Tickets.AsNoTracking()
            .Where(t => t.Type == TicketType.Petition
                && ((t.HandlingDueUtc >= startUtc && t.HandlingDueUtc < endUtc) || (t.RepliedAtUtc >= startUtc && t.RepliedAtUtc < endUtc)))
            .Select(t => new TicketSnapshot(t.Id, t.Type, t.CategoryCode, t.Urgency, t.Status, t.CurrentUnitId, t.CurrentUnitKind, t.DistrictId, t.StreetId,
                t.AcceptedAtUtc, t.FirstDispatchedAtUtc, t.SignForDueUtc, t.SignedForAtUtc, t.HandlingDueUtc, t.RepliedAtUtc, t.ClosedAtUtc,
                t.CallbackResolved, t.CallbackSatisfaction, t.ResolvedAtIntake, t.ReopenCount))
            .ToListAsync(ct);
    }

    private DateTime? NearestDue(Ticket t)
    {
        var rule = policy.RuleFor(t.Type, t.CategoryCode, t.Urgency);
        var clocks = DeadlineNotices.Running(t, rule.RemindBeforeSignFor, rule.RemindBeforeHandling);
        return clocks.Count == 0 ? null : clocks.Min(c => c.DueUtc);
    }
}
