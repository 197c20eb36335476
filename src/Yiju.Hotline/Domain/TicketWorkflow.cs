using System.Collections.Frozen;

namespace Yiju.Hotline.Domain;

/// <summary>One allowed transition: from which statuses, by which roles, and whether the actor must belong to the unit that holds the ticket.</summary>
public sealed record TransitionRule(
    TicketAction Action,
    IReadOnlySet<TicketStatus> From,
    IReadOnlySet<HotlineRole> Roles,
    bool RequiresAssigneeUnit,
    string LabelZh,
    string LabelEn);

/// <summary>
/// The hotline's state machine as data, so that pages can show only the actions an actor may take
/// and refusals can say exactly why. <see cref="Ticket"/> applies the effects.
/// </summary>
public static class TicketWorkflow
{
    private static readonly HotlineRole[] Centre = [HotlineRole.HotlineOperator, HotlineRole.CentreSupervisor, HotlineRole.CityAdmin];
    private static readonly HotlineRole[] CentreCallback = [HotlineRole.CallbackOperator, HotlineRole.HotlineOperator, HotlineRole.CentreSupervisor, HotlineRole.CityAdmin];
    private static readonly HotlineRole[] Supervisors = [HotlineRole.CentreSupervisor, HotlineRole.CityAdmin];
    private static readonly HotlineRole[] UnitStaff = [HotlineRole.DepartmentStaff, HotlineRole.DistrictStaff, HotlineRole.StreetStaff];

    // The statuses in which a deadline runs (a petition still with the bureau has its 15-day decision limit).
    private static readonly TicketStatus[] Running =
        [TicketStatus.Accepted, TicketStatus.Dispatched, TicketStatus.InHandling, TicketStatus.Returned, TicketStatus.InArbitration];

    private static readonly TicketStatus[] Live =
        [TicketStatus.Accepted, TicketStatus.Dispatched, TicketStatus.InHandling, TicketStatus.Returned, TicketStatus.InArbitration, TicketStatus.Replied];

    public static IReadOnlyList<TransitionRule> Rules { get; } =
    [
        Rule(TicketAction.Accept, [], [.. Centre, HotlineRole.Resident], false, "受理", "Accept"),
        Rule(TicketAction.ResolveAtIntake, [TicketStatus.Accepted], [HotlineRole.HotlineOperator, HotlineRole.CentreSupervisor], false, "直接办结", "Resolve at intake"),
        Rule(TicketAction.Dispatch, [TicketStatus.Accepted, TicketStatus.Returned], Centre, false, "派单", "Dispatch"),
        Rule(TicketAction.SignFor, [TicketStatus.Dispatched], UnitStaff, true, "签收", "Sign for"),
        Rule(TicketAction.Forward, [TicketStatus.Dispatched, TicketStatus.InHandling], [HotlineRole.DistrictStaff], true, "下派街道", "Forward to a street"),
        Rule(TicketAction.RecordProgress, [TicketStatus.InHandling], UnitStaff, true, "办理", "Record progress"),
        Rule(TicketAction.Reply, [TicketStatus.InHandling], UnitStaff, true, "回复", "Reply"),
        Rule(TicketAction.Callback, [TicketStatus.Replied], CentreCallback, false, "回访", "Callback"),
        Rule(TicketAction.Close, [TicketStatus.Replied], CentreCallback, false, "办结", "Close"),
        Rule(TicketAction.Reopen, [TicketStatus.Replied], CentreCallback, false, "重办", "Reopen"),
        Rule(TicketAction.Return, [TicketStatus.Dispatched, TicketStatus.InHandling], UnitStaff, true, "退单", "Return"),
        Rule(TicketAction.SendToArbitration, [TicketStatus.Returned], Centre, false, "提交仲裁", "Send to arbitration"),
        Rule(TicketAction.Arbitrate, [TicketStatus.InArbitration], Supervisors, false, "仲裁", "Arbitrate"),
        Rule(TicketAction.RequestExtension, [TicketStatus.InHandling], UnitStaff, true, "申请延期", "Request extension"),
        Rule(TicketAction.ApproveExtension, [TicketStatus.InHandling], Supervisors, false, "批准延期", "Approve extension"),
        Rule(TicketAction.RefuseExtension, [TicketStatus.InHandling], Supervisors, false, "驳回延期", "Refuse extension"),
        Rule(TicketAction.Supervise, [TicketStatus.Dispatched, TicketStatus.InHandling, TicketStatus.Returned, TicketStatus.InArbitration], Supervisors, false, "督办", "Supervise"),
        Rule(TicketAction.Merge, [TicketStatus.Accepted, TicketStatus.Dispatched, TicketStatus.InHandling, TicketStatus.Returned, TicketStatus.InArbitration], Centre, false, "合并", "Merge into another ticket"),
        Rule(TicketAction.AbsorbDuplicate, [TicketStatus.Accepted, TicketStatus.Dispatched, TicketStatus.InHandling, TicketStatus.Returned, TicketStatus.InArbitration, TicketStatus.Replied], Centre, false, "并入重复工单", "Absorb a duplicate"),
        Rule(TicketAction.EditText, Live, Centre, false, "修改诉求", "Edit text"),
        Rule(TicketAction.Remind, Running, [HotlineRole.System], false, "期限提醒", "Deadline reminder"),
        Rule(TicketAction.Escalate, Running, [HotlineRole.System], false, "超期督办", "Escalate overdue"),
        Rule(TicketAction.DeclinePetition, [TicketStatus.Dispatched], UnitStaff, true, "不予受理", "Decline the petition"),
        Rule(TicketAction.RequestReview, [TicketStatus.Closed], Centre, false, "申请复查/复核", "Request review"),
    ];

    /// <summary>
    /// Actions the petition bureau (信访局) takes on petitions in the centre's place: registering, assigning, supervising,
    /// approving extensions, calling back, closing and recording a review request. Acting as the holding unit
    /// (受理 = sign for, reply, decline) it uses its own department role like any unit.
    /// </summary>
    public static IReadOnlySet<TicketAction> PetitionBureauActions { get; } = new[]
    {
        TicketAction.Accept, TicketAction.Dispatch, TicketAction.Callback, TicketAction.Close, TicketAction.Reopen,
        TicketAction.SendToArbitration, TicketAction.Arbitrate, TicketAction.ApproveExtension, TicketAction.RefuseExtension,
        TicketAction.Supervise, TicketAction.Merge, TicketAction.AbsorbDuplicate, TicketAction.EditText, TicketAction.RequestReview,
    }.ToFrozenSet();

    private static readonly FrozenDictionary<TicketAction, TransitionRule> ByAction = Rules.ToFrozenDictionary(r => r.Action);

    public static TransitionRule RuleFor(TicketAction action) => ByAction[action];

    /// <summary>Whether <paramref name="actor"/> may perform <paramref name="action"/> on <paramref name="ticket"/> now; the reason when not.</summary>
    public static TransitionResult? Refusal(Ticket ticket, TicketAction action, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(actor);
        var rule = ByAction[action];
        if (!rule.From.Contains(ticket.Status))
        {
            return TransitionResult.Refused(RefusalCode.WrongStatus,
                $"工单当前状态为「{StatusLabels.Default.LabelZh(ticket.Status)}」，不能{rule.LabelZh} (cannot {rule.LabelEn.ToLowerInvariant()} a ticket in status {ticket.Status}).");
        }

        if (action == TicketAction.DeclinePetition && ticket.Type != TicketType.Petition)
        {
            return TransitionResult.Refused(RefusalCode.WrongStatus, "只有信访事项可以不予受理 (only petitions can be declined).");
        }

        if (action == TicketAction.RequestReview && ticket.Type != TicketType.Petition)
        {
            return TransitionResult.Refused(RefusalCode.WrongStatus, "只有信访事项可以申请复查 (only petitions can be reviewed).");
        }

        var actsForCentre = actor.PetitionBureau && ticket.Type == TicketType.Petition && PetitionBureauActions.Contains(action);
        var centreRuleForBureau = actsForCentre && (rule.Roles.Contains(HotlineRole.CentreSupervisor) || rule.Roles.Contains(HotlineRole.HotlineOperator));
        if (!rule.Roles.Contains(actor.Role) && !centreRuleForBureau)
        {
            return TransitionResult.Refused(RefusalCode.RoleNotAllowed,
                $"角色 {actor.Role} 无权{rule.LabelZh} (role {actor.Role} may not {rule.LabelEn.ToLowerInvariant()}).");
        }

        if (rule.RequiresAssigneeUnit && !centreRuleForBureau)
        {
            var roleMatchesKind = (actor.Role, ticket.CurrentUnitKind) switch
            {
                (HotlineRole.DepartmentStaff, UnitKind.Department) => true,
                (HotlineRole.DistrictStaff, UnitKind.District) => true,
                (HotlineRole.StreetStaff, UnitKind.Street) => true,
                _ => false,
            };
            if (actor.UnitId is null || actor.UnitId != ticket.CurrentUnitId || !roleMatchesKind)
            {
                return TransitionResult.Refused(RefusalCode.NotAssigneeUnit,
                    $"工单不在本单位，不能{rule.LabelZh} (only the unit currently holding the ticket may {rule.LabelEn.ToLowerInvariant()}).");
            }
        }

        return null;
    }

    /// <summary>The actions the actor could take on the ticket as it stands (argument checks aside): for buttons.</summary>
    public static IReadOnlyList<TransitionRule> AvailableTo(Ticket ticket, Actor actor) =>
        [.. Rules.Where(r => r.Action != TicketAction.Accept && Refusal(ticket, r.Action, actor) is null)];

    private static TransitionRule Rule(TicketAction action, TicketStatus[] from, HotlineRole[] roles, bool assignee, string zh, string en) =>
        new(action, from.ToFrozenSet(), roles.ToFrozenSet(), assignee, zh, en);
}
