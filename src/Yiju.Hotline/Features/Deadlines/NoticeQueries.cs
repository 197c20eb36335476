using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Queries;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Deadlines;

public sealed record NoticeRow(long Id, Guid TicketId, string TicketNumber, string Kind, string Label, bool Escalation,
    DateTimeOffset Due, DateTimeOffset At, bool Petition, string TicketStatus, string TicketStatusLabel);

/// <summary>
/// The reminders and escalations a caller sees beside the work queue: a unit its own tickets' notices, a district also the
/// escalations of its streets' tickets, the centre every escalation, the petition bureau every petition's notices.
/// </summary>
public sealed class NoticeQueries(IHotlineDb db, IHotlineDirectory directory)
{
    public const int Limit = 50;

    private static readonly NoticeKind[] Escalations = [NoticeKind.SignForEscalation, NoticeKind.HandlingEscalation, NoticeKind.DecisionEscalation];

    public async Task<Outcome<IReadOnlyList<NoticeRow>>> For(Caller caller, CancellationToken ct)
    {
        var actor = await directory.ActorFor(caller, ct);
        if (actor is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        var unitId = actor.UnitId ?? -1;
        var notices = db.DeadlineNotices.AsNoTracking();
        notices = actor.Role switch
        {
            _ when TicketScope.IsCentre(actor) => notices.Where(n => Escalations.Contains(n.Kind)),
            HotlineRole.DepartmentStaff when actor.PetitionBureau => notices.Where(n => n.Petition || (n.UnitKind == UnitKind.Department && n.UnitId == unitId)),
            HotlineRole.DepartmentStaff => notices.Where(n => n.UnitKind == UnitKind.Department && n.UnitId == unitId),
            HotlineRole.DistrictStaff => notices.Where(n => (n.UnitKind == UnitKind.District && n.UnitId == unitId) || n.EscalatedToDistrictId == unitId),
            HotlineRole.StreetStaff => notices.Where(n => n.UnitKind == UnitKind.Street && n.UnitId == unitId),
            _ => notices.Where(n => false),
        };
        var rows = await notices
            .Join(db.Tickets, n => n.TicketId, t => t.Id, (n, t) => new { Notice = n, t.Status })
            .OrderByDescending(x => x.Notice.CreatedAtUtc).ThenByDescending(x => x.Notice.Id)
            .Take(Limit)
            .ToListAsync(ct);
        return rows.Select(x => new NoticeRow(x.Notice.Id, x.Notice.TicketId, x.Notice.TicketNumber, x.Notice.Kind.ToString(),
                $"{DeadlineNotices.DeadlineLabel(x.Notice.Kind)}{(DeadlineNotices.IsEscalation(x.Notice.Kind) ? "已超期（督办）" : "即将到期")}",
                DeadlineNotices.IsEscalation(x.Notice.Kind), TicketMapping.At(x.Notice.DueUtc), TicketMapping.At(x.Notice.CreatedAtUtc),
                x.Notice.Petition, x.Status.ToString(), StatusLabels.Default.LabelZh(x.Status)))
            .ToList();
    }
}
