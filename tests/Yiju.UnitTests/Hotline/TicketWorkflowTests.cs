using Yiju.Hotline.Domain;
using static Yiju.UnitTests.Hotline.Build;

namespace Yiju.UnitTests.Hotline;

public class TicketWorkflowTests
{
    [Fact]
    public void A_ticket_walks_from_intake_through_dispatch_sign_for_reply_and_callback_to_close()
    {
        var unit = Department();
        var staff = Staff(unit);
        var ticket = Ticket();
        Assert.Equal(TicketStatus.Accepted, ticket.Status);
        Assert.Equal(1, ticket.Version);

        Ok(ticket.Dispatch(Operator(), T0.AddMinutes(3), unit, Deadlines(T0)));
        Assert.Equal(TicketStatus.Dispatched, ticket.Status);
        Assert.Equal(unit.Id, ticket.CurrentUnitId);

        Ok(ticket.SignFor(staff, T0.AddHours(1)));
        Ok(ticket.RecordProgress(staff, T0.AddHours(5), "已联系供热公司上门排查"));
        Ok(ticket.Reply(staff, T0.AddDays(1), "已更换阀门，室温恢复至20度"));
        Assert.Equal(TicketStatus.Replied, ticket.Status);
        Assert.Equal(LifecycleCategory.Answered, ticket.Lifecycle);

        Ok(ticket.Callback(CallbackAgent(), T0.AddDays(2), resolved: true, Satisfaction.Satisfied));
        Ok(ticket.Close(CallbackAgent(), T0.AddDays(2)));

        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal("closed", StatusLabels.Open311Status(ticket.Status));
        Assert.Equal(
            [TicketAction.Accept, TicketAction.Dispatch, TicketAction.SignFor, TicketAction.RecordProgress, TicketAction.Reply, TicketAction.Callback, TicketAction.Close],
            ticket.Timeline.Select(e => e.Action));
        Assert.Equal(ticket.Timeline.Count, ticket.Version);
        Assert.Equal(Enumerable.Range(1, 7), ticket.Timeline.Select(e => e.Sequence));
        var signed = ticket.Timeline[2];
        Assert.Equal((TicketStatus.Dispatched, TicketStatus.InHandling, staff.PersonId), (signed.FromStatus, signed.ToStatus, signed.ActorPersonId));
    }

    [Fact]
    public void Resolving_at_intake_closes_without_a_unit()
    {
        var ticket = Ticket(type: TicketType.Consultation);
        Ok(ticket.ResolveAtIntake(Operator(), T0.AddMinutes(4), "供暖期为10月20日至次年4月5日"));
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.True(ticket.ResolvedAtIntake);
        Assert.Null(ticket.CurrentUnitId);
    }

    [Fact]
    public void Only_the_unit_holding_the_ticket_may_sign_for_it()
    {
        var unit = Department();
        var ticket = Ticket();
        Ok(ticket.Dispatch(Operator(), T0, unit, Deadlines(T0)));
        var version = ticket.Version;

        var other = ticket.SignFor(Staff(Department("市城管局")), T0.AddHours(1));
        Assert.Equal(RefusalCode.NotAssigneeUnit, other.Code);
        Assert.Contains("本单位", other.Reason, StringComparison.Ordinal);

        // Right unit id but a street role: a district-level account cannot act for a department.
        var wrongKind = ticket.SignFor(new Actor(NewId(), "x", HotlineRole.StreetStaff, unit.Id), T0.AddHours(1));
        Assert.Equal(RefusalCode.NotAssigneeUnit, wrongKind.Code);

        var operatorTry = ticket.SignFor(Operator(), T0.AddHours(1));
        Assert.Equal(RefusalCode.RoleNotAllowed, operatorTry.Code);

        Assert.Equal(version, ticket.Version);
        Assert.Equal(TicketStatus.Dispatched, ticket.Status);
    }

    [Fact]
    public void A_transition_from_the_wrong_status_is_refused_with_a_reason_and_changes_nothing()
    {
        var ticket = Ticket();
        var result = ticket.Reply(Staff(Department()), T0, "done");
        Assert.False(result.Succeeded);
        Assert.Equal(RefusalCode.WrongStatus, result.Code);
        Assert.Contains("已受理", result.Reason, StringComparison.Ordinal);
        Assert.Single(ticket.Timeline);
    }

    [Fact]
    public void A_direct_dispatch_to_a_street_lets_only_that_street_act()
    {
        var street = Street();
        var ticket = Ticket(category: "street-trade.bbq", text: "小区门口露天烧烤，油烟很大");
        Ok(ticket.Dispatch(Operator(), T0, street, Deadlines(T0), "直派街道"));
        Ok(ticket.SignFor(Staff(street), T0.AddHours(1)));
        Assert.Equal(UnitKind.Street, ticket.CurrentUnitKind);
        Assert.Equal(RefusalCode.NotAssigneeUnit, ticket.Reply(Staff(Street("另一街道")), T0.AddHours(2), "x").Code);
    }

    [Fact]
    public void An_unresolved_callback_reopens_the_ticket_to_the_same_unit_which_must_sign_again()
    {
        var unit = Department();
        var ticket = InHandling(unit);
        Ok(ticket.Reply(Staff(unit), T0.AddDays(1), "已处理"));

        // Closing or reopening before the callback is refused.
        Assert.False(ticket.Close(CallbackAgent(), T0.AddDays(1)).Succeeded);
        Assert.False(ticket.Reopen(CallbackAgent(), T0.AddDays(1), Deadlines(T0.AddDays(1)), "x").Succeeded);

        Ok(ticket.Callback(CallbackAgent(), T0.AddDays(2), resolved: false, Satisfaction.Dissatisfied, "暖气仍然不热"));
        Ok(ticket.Reopen(CallbackAgent(), T0.AddDays(2), Deadlines(T0.AddDays(2)), "回访未解决"));

        Assert.Equal(TicketStatus.Dispatched, ticket.Status);
        Assert.Equal(unit.Id, ticket.CurrentUnitId);
        Assert.Equal(1, ticket.ReopenCount);
        Assert.Null(ticket.SignedForAtUtc);
        Assert.Null(ticket.CallbackResolved);
        Assert.Equal(unit.Id, ticket.Timeline[^1].ToUnitId);
        Ok(ticket.SignFor(Staff(unit), T0.AddDays(2).AddHours(1)));
    }

    [Fact]
    public void A_resolved_and_satisfied_callback_cannot_be_reopened()
    {
        var unit = Department();
        var ticket = InHandling(unit);
        Ok(ticket.Reply(Staff(unit), T0.AddDays(1), "已处理"));
        Ok(ticket.Callback(CallbackAgent(), T0.AddDays(2), resolved: true, Satisfaction.BasicallySatisfied));
        var reopen = ticket.Reopen(CallbackAgent(), T0.AddDays(2), Deadlines(T0.AddDays(2)), "想重办");
        Assert.Equal(RefusalCode.WrongStatus, reopen.Code);
    }

    [Fact]
    public void A_returned_ticket_goes_back_to_the_centre_then_to_arbitration_and_to_the_decided_unit()
    {
        var first = Department("市城管局");
        var ticket = InHandling(first);
        Assert.Equal(RefusalCode.InvalidArgument, ticket.Return(Staff(first), T0.AddHours(2), "  ").Code);
        Ok(ticket.Return(Staff(first), T0.AddHours(2), "供热不属于城管职责"));
        Assert.Equal(TicketStatus.Returned, ticket.Status);
        Assert.Equal(1, ticket.ReturnCount);
        Assert.Equal(LifecycleCategory.Open, ticket.Lifecycle);

        Ok(ticket.SendToArbitration(Operator(), T0.AddHours(3), "两部门职责有争议"));
        Assert.Equal(RefusalCode.RoleNotAllowed, ticket.Arbitrate(Operator(), T0.AddHours(4), first, Deadlines(T0.AddHours(4)), "x").Code);

        var second = Department("市住建局");
        Ok(ticket.Arbitrate(Supervisor(), T0.AddHours(4), second, Deadlines(T0.AddHours(4)), "由住建局办理"));
        Assert.Equal((TicketStatus.Dispatched, second.Id), (ticket.Status, ticket.CurrentUnitId));
        var arbitration = ticket.Timeline[^1];
        Assert.Equal((first.Id, second.Id), (arbitration.FromUnitId, arbitration.ToUnitId));
        Assert.Equal(RefusalCode.NotAssigneeUnit, ticket.SignFor(Staff(first), T0.AddHours(5)).Code);
    }

    [Fact]
    public void A_returned_ticket_can_be_redispatched_by_the_operator()
    {
        var first = Department("市城管局");
        var ticket = InHandling(first);
        Ok(ticket.Return(Staff(first), T0.AddHours(2), "非本单位职责"));
        var second = Department("市水务局");
        Ok(ticket.Dispatch(Operator(), T0.AddHours(3), second, Deadlines(T0.AddHours(3))));
        Assert.Equal(second.Id, ticket.CurrentUnitId);
    }

    [Fact]
    public void An_approved_extension_moves_the_deadline_and_a_refused_one_does_not()
    {
        var unit = Department();
        var ticket = InHandling(unit);
        var due = ticket.HandlingDueUtc!.Value;

        Assert.Equal(RefusalCode.InvalidArgument, ticket.RequestExtension(Staff(unit), T0.AddDays(1), due.AddDays(-1), "x").Code);
        Ok(ticket.RequestExtension(Staff(unit), T0.AddDays(1), due.AddDays(5), "需协调产权单位"));
        Assert.Equal(RefusalCode.InvalidArgument, ticket.RequestExtension(Staff(unit), T0.AddDays(1), due.AddDays(6), "again").Code);
        Assert.Equal(RefusalCode.RoleNotAllowed, ticket.ApproveExtension(Staff(unit), T0.AddDays(1)).Code);

        Ok(ticket.RefuseExtension(Supervisor(), T0.AddDays(1), "理由不充分"));
        Assert.Equal(due, ticket.HandlingDueUtc);
        Assert.False(ticket.ExtensionPending);

        Ok(ticket.RequestExtension(Staff(unit), T0.AddDays(2), due.AddDays(5), "需更换管道"));
        Ok(ticket.ApproveExtension(Supervisor(), T0.AddDays(2), due.AddDays(3)));
        Assert.Equal(due.AddDays(3), ticket.HandlingDueUtc);
        Assert.Equal(due, ticket.OriginalHandlingDueUtc);
        Assert.Equal(1, ticket.ExtensionCount);
    }

    [Fact]
    public void A_petition_may_be_extended_once_by_at_most_30_days()
    {
        var unit = Department("市信访局");
        var ticket = Ticket(type: TicketType.Petition, category: "housing.demolition", text: "对征收补偿不服，请求复查");
        var deadlines = DeadlinePolicy.Default.ComputeFor(ticket, T0, global::Yiju.Kernel.Calendar.ChinaWorkingCalendar.LoadEmbedded());
        Ok(ticket.Dispatch(Operator(), T0, unit, deadlines));
        Ok(ticket.SignFor(Staff(unit), T0.AddDays(1)));
        var due = ticket.HandlingDueUtc!.Value;

        var tooLong = ticket.RequestExtension(Staff(unit), T0.AddDays(2), due.AddDays(31), "情况复杂");
        Assert.Contains("30日", tooLong.Reason, StringComparison.Ordinal);
        Ok(ticket.RequestExtension(Staff(unit), T0.AddDays(2), due.AddDays(30), "情况复杂"));
        Ok(ticket.ApproveExtension(Supervisor(), T0.AddDays(2)));
        Assert.Equal(RefusalCode.InvalidArgument, ticket.RequestExtension(Staff(unit), T0.AddDays(3), due.AddDays(30).AddDays(1), "再延").Code);
    }

    [Fact]
    public void Supervision_needs_an_overdue_ticket_or_a_flag()
    {
        var unit = Department();
        var ticket = Ticket();
        Ok(ticket.Dispatch(Operator(), T0, unit, Deadlines(T0)));
        var early = ticket.Supervise(Supervisor(), T0.AddHours(2), "请尽快签收");
        Assert.Equal(RefusalCode.InvalidArgument, early.Code);
        Ok(ticket.Supervise(Supervisor(), T0.AddHours(2), "媒体关注", flagged: true));
        Ok(ticket.Supervise(Supervisor(), T0.AddHours(25), "已超签收时限"));
        Assert.Equal(2, ticket.SupervisionCount);
        Assert.StartsWith("超期督办", ticket.Timeline[^1].Note, StringComparison.Ordinal);
        Assert.Equal(RefusalCode.RoleNotAllowed, ticket.Supervise(Operator(), T0.AddHours(25), "x").Code);
    }

    [Fact]
    public void Merging_a_duplicate_closes_it_and_records_on_both_timelines()
    {
        var original = Ticket();
        var duplicate = Ticket(T0.AddHours(1));
        var beforeTarget = original.Version;
        Ok(duplicate.MergeInto(Operator(), T0.AddHours(2), original));
        Assert.Equal(TicketStatus.Merged, duplicate.Status);
        Assert.Equal(original.Id, duplicate.MergedIntoTicketId);
        Assert.Equal(beforeTarget + 1, original.Version);
        Assert.Equal(TicketAction.AbsorbDuplicate, original.Timeline[^1].Action);
        Assert.Equal(1, original.DuplicateCount);

        Assert.False(original.MergeInto(Operator(), T0.AddHours(3), original).Succeeded);
        Assert.Equal(RefusalCode.WrongStatus, Ticket().MergeInto(Operator(), T0.AddHours(3), duplicate).Code);
    }

    [Fact]
    public void Editing_the_text_keeps_the_citizens_original_words()
    {
        var ticket = Ticket(text: "暖气不热<script>alert(1)</script>");
        Ok(ticket.EditText(Operator(), T0.AddMinutes(1), "暖气不热，室温12度", "heating.outage", "规范表述"));
        Assert.Equal("暖气不热<script>alert(1)</script>", ticket.OriginalText);
        Assert.Equal("暖气不热，室温12度", ticket.Text);
        Assert.Equal("heating.outage", ticket.CategoryCode);
        Assert.Contains("heating.indoor-temperature → heating.outage", ticket.Timeline[^1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_version_is_a_conflict()
    {
        var ticket = Ticket();
        var seen = ticket.Version;
        Assert.Null(ticket.CheckVersion(seen));
        Ok(ticket.Dispatch(Operator(), T0, Department(), Deadlines(T0)));
        Assert.Equal(RefusalCode.VersionConflict, ticket.CheckVersion(seen)!.Code);
    }

    [Fact]
    public void Available_actions_follow_role_status_and_unit()
    {
        var unit = Department();
        var ticket = Ticket();
        Ok(ticket.Dispatch(Operator(), T0, unit, Deadlines(T0)));
        var forStaff = TicketWorkflow.AvailableTo(ticket, Staff(unit)).Select(r => r.Action).ToHashSet();
        Assert.Equal(new HashSet<TicketAction> { TicketAction.SignFor, TicketAction.Return }, forStaff);
        Assert.Empty(TicketWorkflow.AvailableTo(ticket, Staff(Department("市教育局"))));
    }

    [Fact]
    public void Every_transition_rule_names_its_roles_and_only_unit_actions_require_the_assignee()
    {
        foreach (var rule in TicketWorkflow.Rules)
        {
            Assert.NotEmpty(rule.Roles);
            var unitRoles = rule.Roles.All(r => r is HotlineRole.DepartmentStaff or HotlineRole.DistrictStaff or HotlineRole.StreetStaff);
            Assert.Equal(unitRoles, rule.RequiresAssigneeUnit);
        }
    }

    [Fact]
    public void Invalid_intake_is_refused()
    {
        var tooLong = new TicketIntake(TicketType.Complaint, "noise", new string('吵', TicketIntake.MaxTextLength + 1), Channel.WebForm);
        Assert.NotEmpty(tooLong.Validate());
        var badPoint = new TicketIntake(TicketType.Complaint, "noise", "吵", Channel.Open311, Location: new(95, 0));
        Assert.Contains(badPoint.Validate(), e => e.Contains("坐标", StringComparison.Ordinal));
        var anonymousPetition = new TicketIntake(TicketType.Petition, "housing", "请求", Channel.Letter);
        Assert.NotEmpty(anonymousPetition.Validate());
        Assert.Throws<ArgumentException>(() => global::Yiju.Hotline.Domain.Ticket.Accept(Guid.NewGuid(), "n", tooLong, Operator(), T0));
        Assert.Throws<ArgumentException>(() => global::Yiju.Hotline.Domain.Ticket.Accept(Guid.NewGuid(), "n", badPoint with { Location = null }, Staff(Department()), T0));
    }

    [Fact]
    public void Residents_may_submit_through_the_public_channels()
    {
        var ticket = global::Yiju.Hotline.Domain.Ticket.Accept(Guid.NewGuid(), "12345-20260302-000002",
            new TicketIntake(TicketType.Help, "snow-ice.roofs", "楼头屋檐挂着很长的冰溜子", Channel.WebForm), Actor.Resident("网站"), T0);
        Assert.Equal(HotlineRole.Resident, ticket.Timeline[0].ActorRole);
        Assert.Empty(TicketWorkflow.AvailableTo(ticket, Actor.Resident("网站")));
    }

    [Fact]
    public void Status_labels_are_configurable_while_lifecycle_categories_stay_fixed()
    {
        var labels = StatusLabels.Default.With(TicketStatus.Dispatched, "待处理", "Pending");
        Assert.Equal("待处理", labels.LabelZh(TicketStatus.Dispatched));
        Assert.Equal("待签收", StatusLabels.Default.LabelZh(TicketStatus.Dispatched));
        Assert.Equal(LifecycleCategory.InProgress, StatusLabels.CategoryOf(TicketStatus.Dispatched));
        Assert.Throws<ArgumentException>(() => new StatusLabels(new Dictionary<TicketStatus, StatusLabel>()));
        Assert.All(Enum.GetValues<TicketStatus>(), s => Assert.True(Enum.IsDefined(StatusLabels.CategoryOf(s))));
    }

    [Fact]
    public void A_district_forwards_to_a_street_which_then_holds_it_under_the_districts_deadline()
    {
        var district = new UnitRef(NewId(), UnitKind.District, "道里区");
        var street = Street("新阳路街道");
        var ticket = InHandling(district);
        var due = ticket.HandlingDueUtc;
        Assert.Equal(RefusalCode.InvalidArgument, ticket.Forward(Staff(district), T0.AddHours(2), Department(), T0.AddHours(6)).Code);
        Assert.Equal(RefusalCode.NotAssigneeUnit, ticket.Forward(Staff(new UnitRef(NewId(), UnitKind.District, "南岗区")), T0.AddHours(2), street, T0.AddHours(6)).Code);

        Ok(ticket.Forward(Staff(district), T0.AddHours(2), street, T0.AddHours(6), "属新阳路街道辖区"));
        Assert.Equal((TicketStatus.Dispatched, street.Id, due), (ticket.Status, ticket.CurrentUnitId, ticket.HandlingDueUtc));
        Assert.Equal((district.Id, street.Id), (ticket.Timeline[^1].FromUnitId, ticket.Timeline[^1].ToUnitId));
        Assert.Equal(RefusalCode.NotAssigneeUnit, ticket.Return(Staff(district), T0.AddHours(3), "x").Code);
        Ok(ticket.SignFor(Staff(street), T0.AddHours(3)));
    }
}
