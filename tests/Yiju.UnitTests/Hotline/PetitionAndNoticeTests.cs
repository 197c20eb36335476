using Yiju.Hotline.Domain;
using Yiju.Kernel.Calendar;
using static Yiju.UnitTests.Hotline.Build;

namespace Yiju.UnitTests.Hotline;

public class PetitionAndNoticeTests
{
    private static readonly ChinaWorkingCalendar Calendar = ChinaWorkingCalendar.LoadEmbedded();
    private static DateTime EndOf(int year, int month, int day) => ChinaTime.EndOfDayUtc(new DateOnly(year, month, day));

    private static Actor Bureau(UnitRef bureau) => new(NewId(), "信访局 D", HotlineRole.DepartmentStaff, bureau.Id, PetitionBureau: true);

    private static Ticket Petition(Actor registrar, DateTime at) =>
        global::Yiju.Hotline.Domain.Ticket.Accept(Guid.NewGuid(), "XF-20260302-000001",
            new TicketIntake(TicketType.Petition, "housing.demolition", "对征收补偿标准有异议", Channel.Letter, CallerName: "李四", CallerPhone: "13900001111"),
            registrar, at);

    [Fact]
    public void A_petition_has_15_days_to_be_accepted_and_60_days_from_acceptance_to_be_handled()
    {
        var bureauUnit = Department("市信访局");
        var bureau = Bureau(bureauUnit);
        var ticket = Petition(bureau, T0); // received Monday 2 March 2026
        Assert.Equal(EndOf(2026, 3, 17), ticket.DecisionDueUtc);
        Assert.Equal([new RunningClock(RunningDeadline.Decision, EndOf(2026, 3, 17), TimeSpan.FromDays(3))],
            DeadlineNotices.Running(ticket, TimeSpan.FromDays(3), TimeSpan.FromDays(7)));

        Ok(ticket.Dispatch(bureau, T0.AddHours(1), bureauUnit, DeadlinePolicy.Default.ComputeFor(ticket, T0.AddHours(1), Calendar)));
        Assert.Equal(EndOf(2026, 3, 17), ticket.SignForDueUtc);
        // Not yet accepted: only the decision limit runs, the 60 days have not started.
        Assert.Single(DeadlineNotices.Running(ticket, TimeSpan.FromDays(3), TimeSpan.FromDays(7)));

        Ok(ticket.SignFor(bureau, T0.AddDays(10))); // 受理 on 12 March
        Assert.Equal(T0.AddDays(10), ticket.PetitionAcceptedAtUtc);
        Assert.Equal(EndOf(2026, 5, 11), ticket.HandlingDueUtc); // 12 March + 60 days
        Assert.Equal(ticket.HandlingDueUtc, ticket.OriginalHandlingDueUtc);
        Assert.Contains("法定办理期限", ticket.Timeline[^1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void The_petition_bureau_acts_for_the_centre_on_petitions_only()
    {
        var bureauUnit = Department("市信访局");
        var bureau = Bureau(bureauUnit);
        var petition = Petition(bureau, T0);
        Assert.True(Yiju.Hotline.Features.Access.TicketScope.CanSee(petition, bureau));
        Ok(petition.Dispatch(bureau, T0, Department("市住建局"), DeadlinePolicy.Default.ComputeFor(petition, T0, Calendar)));
        Assert.True(Yiju.Hotline.Features.Access.TicketScope.CanSee(petition, bureau)); // still, though another body holds it

        Assert.Throws<ArgumentException>(() => global::Yiju.Hotline.Domain.Ticket.Accept(Guid.NewGuid(), "12345-20260302-000009",
            new TicketIntake(TicketType.Complaint, "noise.construction", "噪音", Channel.Phone), bureau, T0));
        var hotline = Ticket();
        Assert.Equal(RefusalCode.RoleNotAllowed, hotline.Dispatch(bureau, T0, Department(), Deadlines(T0)).Code);
        Assert.False(Yiju.Hotline.Features.Access.TicketScope.CanSee(hotline, bureau));
    }

    [Fact]
    public void Not_accepting_a_petition_needs_a_reason_closes_it_and_counts_as_on_time_within_15_days()
    {
        var unit = Department("市住建局");
        var ticket = Petition(Operator(), T0);
        Ok(ticket.Dispatch(Operator(), T0, unit, DeadlinePolicy.Default.ComputeFor(ticket, T0, Calendar)));
        Assert.Equal(RefusalCode.InvalidArgument, ticket.DeclinePetition(Staff(unit), T0.AddDays(3), " ").Code);
        Assert.Equal(RefusalCode.NotAssigneeUnit, ticket.DeclinePetition(Staff(Department("市城管局")), T0.AddDays(3), "x").Code);
        Ok(ticket.DeclinePetition(Staff(unit), T0.AddDays(3), "已经通过行政复议途径解决，依法不予受理"));
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.True(ticket.PetitionDeclined);
        Assert.Equal(1.0, Kpis.Outcome(KpiKind.OnTimeClosing, ticket.ToSnapshot(), T0.AddDays(30)));

        var hotline = Ticket();
        Ok(hotline.Dispatch(Operator(), T0, unit, Deadlines(T0)));
        Assert.Equal(RefusalCode.WrongStatus, hotline.DeclinePetition(Staff(unit), T0, "x").Code);
    }

    [Fact]
    public void A_review_is_asked_within_30_days_of_the_reply_answered_within_30_days_and_the_second_is_final()
    {
        var unit = Department("市住建局");
        var superior = Department("市政府");
        var ticket = Petition(Operator(), T0);
        Ok(ticket.Dispatch(Operator(), T0, unit, DeadlinePolicy.Default.ComputeFor(ticket, T0, Calendar)));
        Ok(ticket.SignFor(Staff(unit), T0.AddDays(1)));
        Ok(ticket.Reply(Staff(unit), T0.AddDays(20), "维持原补偿标准"));
        Ok(ticket.Callback(CallbackAgent(), T0.AddDays(21), false, Satisfaction.Dissatisfied));
        Ok(ticket.Close(CallbackAgent(), T0.AddDays(21)));

        var late = ticket.RequestReview(Operator(), T0.AddDays(52), superior, "不服处理意见");
        Assert.Equal(RefusalCode.InvalidArgument, late.Code); // replied 22 March, asked 23 April
        Ok(ticket.RequestReview(Operator(), T0.AddDays(40), superior, "不服处理意见"));
        Assert.Equal((TicketStatus.Dispatched, superior.Id, 1), (ticket.Status, ticket.CurrentUnitId, ticket.ReviewCount));
        Assert.Equal(EndOf(2026, 5, 11), ticket.HandlingDueUtc); // asked 11 April + 30 days
        Ok(ticket.SignFor(Staff(superior), T0.AddDays(41)));
        Assert.Equal(EndOf(2026, 5, 11), ticket.HandlingDueUtc); // the review's 30 days are not replaced by 60
        Assert.Equal(RefusalCode.InvalidArgument, ticket.RequestExtension(Staff(superior), T0.AddDays(42), EndOf(2026, 5, 20), "复杂").Code);
        Ok(ticket.Reply(Staff(superior), T0.AddDays(50), "复查意见：维持"));
        Ok(ticket.Callback(CallbackAgent(), T0.AddDays(51), false, Satisfaction.Dissatisfied));
        Ok(ticket.Close(CallbackAgent(), T0.AddDays(51)));

        Ok(ticket.RequestReview(Operator(), T0.AddDays(55), Department("省政府"), "不服复查意见")); // 复核
        Assert.Contains("复核", ticket.Timeline[^1].Note, StringComparison.Ordinal);
        var reviewer = Department("省政府 2");
        var refused = ticket.RequestReview(Operator(), T0.AddDays(56), reviewer, "再次");
        Assert.Equal(RefusalCode.WrongStatus, refused.Code); // not closed; and after the 复核 it would be final
    }

    [Fact]
    public void Notices_owed_are_a_reminder_inside_the_window_and_an_escalation_after_the_deadline()
    {
        var rule = DeadlinePolicy.Default.RuleFor(TicketType.Complaint, "noise.construction", Urgency.Normal); // 4 h / 24 h windows
        var unit = Department();
        var ticket = Ticket(category: "noise.construction");
        Ok(ticket.Dispatch(Operator(), T0, unit, new TicketDeadlines(T0.AddHours(24), T0.AddHours(72))));

        Assert.Empty(DeadlineNotices.Due(ticket, rule, T0.AddHours(19)));
        Assert.Equal([new DueNotice(NoticeKind.SignForReminder, T0.AddHours(24))], DeadlineNotices.Due(ticket, rule, T0.AddHours(21)));
        Assert.Equal([new DueNotice(NoticeKind.SignForEscalation, T0.AddHours(24)), new DueNotice(NoticeKind.HandlingReminder, T0.AddHours(72))],
            DeadlineNotices.Due(ticket, rule, T0.AddHours(50)));

        Ok(ticket.SignFor(Staff(unit), T0.AddHours(51)));
        // First seen after it passed: the escalation only; a late reminder helps nobody.
        Assert.Equal([new DueNotice(NoticeKind.HandlingEscalation, T0.AddHours(72))], DeadlineNotices.Due(ticket, rule, T0.AddHours(80)));
        Ok(ticket.Reply(Staff(unit), T0.AddHours(81), "已处理"));
        Assert.Empty(DeadlineNotices.Due(ticket, rule, T0.AddHours(90)));
    }

    [Fact]
    public void Only_the_job_reminds_and_escalates_and_an_escalation_flags_and_counts_as_supervision()
    {
        var unit = Street();
        var ticket = Ticket();
        Ok(ticket.Dispatch(Operator(), T0, unit, Deadlines(T0)));
        Assert.Equal(RefusalCode.RoleNotAllowed, ticket.Remind(Supervisor(), T0, NoticeKind.SignForReminder, T0.AddHours(24)).Code);
        Assert.Equal(RefusalCode.RoleNotAllowed, ticket.SignFor(Actor.System, T0).Code);
        Assert.Equal(RefusalCode.InvalidArgument, ticket.Remind(Actor.System, T0, NoticeKind.SignForEscalation, T0.AddHours(24)).Code);

        var version = ticket.Version;
        Ok(ticket.Remind(Actor.System, T0.AddHours(21), NoticeKind.SignForReminder, T0.AddHours(24)));
        Assert.Equal((version + 1, TicketStatus.Dispatched), (ticket.Version, ticket.Status));
        Ok(ticket.Escalate(Actor.System, T0.AddHours(25), NoticeKind.SignForEscalation, T0.AddHours(24), "12345中心和所属区"));
        Assert.True(ticket.Escalated);
        Assert.Equal(1, ticket.SupervisionCount);
        Assert.Equal(T0.AddHours(25), ticket.EscalatedAtUtc);
        Assert.Contains("已超期，自动督办并上报12345中心和所属区", ticket.Timeline[^1].Note, StringComparison.Ordinal);
        Assert.Equal(HotlineRole.System, ticket.Timeline[^1].ActorRole);
        Assert.DoesNotContain(TicketWorkflow.AvailableTo(ticket, Supervisor()), r => r.Action is TicketAction.Remind or TicketAction.Escalate);
    }

    [Fact]
    public void Petition_figures_belong_to_the_period_in_which_the_outcome_became_known()
    {
        var march = (Start: ChinaTime.StartOfDayUtc(new DateOnly(2026, 3, 1)), End: ChinaTime.StartOfDayUtc(new DateOnly(2026, 4, 1)));
        var now = ChinaTime.StartOfDayUtc(new DateOnly(2026, 6, 1));
        TicketSnapshot P(DateTime due, DateTime? replied, Satisfaction? s = null) => new(Guid.NewGuid(), TicketType.Petition, "housing", Urgency.Normal,
            replied is null ? TicketStatus.InHandling : TicketStatus.Closed, 1, UnitKind.Department, null, null, T0, T0, T0, T0, due, replied, replied, true, s, false, 0);

        var onTimeInMarch = P(EndOf(2026, 4, 30), EndOf(2026, 3, 20), Satisfaction.Satisfied);
        var lateDueInMarch = P(EndOf(2026, 3, 25), EndOf(2026, 4, 5), Satisfaction.Dissatisfied);
        var stillOpenDueInMarch = P(EndOf(2026, 3, 28), null);
        var dueInApril = P(EndOf(2026, 4, 20), null);
        var hotline = P(EndOf(2026, 3, 10), EndOf(2026, 3, 9)) with { Type = TicketType.Complaint };

        var (onTime, satisfaction) = PetitionKpis.ForPeriod([onTimeInMarch, lateDueInMarch, stillOpenDueInMarch, dueInApril, hotline], march.Start, march.End, now);
        Assert.Equal(new Rate(1, 3), onTime);
        Assert.Equal(new Rate(1, 1), satisfaction); // only the March reply's evaluation; the late one was replied in April
    }
}
