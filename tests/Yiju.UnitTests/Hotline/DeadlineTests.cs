using Yiju.Hotline.Domain;
using Yiju.Kernel.Calendar;
using static Yiju.UnitTests.Hotline.Build;

namespace Yiju.UnitTests.Hotline;

public class DeadlineTests
{
    private static readonly ChinaWorkingCalendar Calendar = ChinaWorkingCalendar.LoadEmbedded();

    private static DateTime Shanghai(int y, int m, int d, int h, int min = 0) =>
        ChinaTime.ToUtc(new DateTime(y, m, d, h, min, 0, DateTimeKind.Unspecified));

    [Fact]
    public void A_ticket_opened_before_National_Day_2025_is_due_after_the_holiday_on_the_make_up_Saturday()
    {
        // Tuesday 30 September 2025, 16:00 Shanghai; a complaint about a blocked drain gets the default 5 working days:
        // 1–8 October are off, so the days are 9, 10, 11 (make-up Saturday), 13 and 14 October.
        var opened = Shanghai(2025, 9, 30, 16);
        var ticket = Ticket(opened, category: "water.drainage", text: "楼下下水道堵塞，污水外溢");
        var deadlines = DeadlinePolicy.Default.ComputeFor(ticket, opened.AddMinutes(10), Calendar);

        Assert.Equal(Shanghai(2025, 10, 1, 16, 10), deadlines.SignForDueUtc);
        Assert.Equal(ChinaTime.EndOfDayUtc(new DateOnly(2025, 10, 14)), deadlines.HandlingDueUtc);

        var three = DeadlineSpan.WorkingDays(3).DueFrom(opened, Calendar);
        Assert.Equal(Shanghai(2025, 10, 12, 0), three);
    }

    [Fact]
    public void A_ticket_opened_during_the_holiday_counts_from_the_first_working_day()
    {
        var opened = Shanghai(2025, 10, 3, 10);
        Assert.Equal(ChinaTime.EndOfDayUtc(new DateOnly(2025, 10, 9)), DeadlineSpan.WorkingDays(1).DueFrom(opened, Calendar));
    }

    [Fact]
    public void A_late_evening_utc_instant_is_already_the_next_day_in_Shanghai()
    {
        // 2025-09-30 17:00 UTC is 1 October 01:00 in Shanghai: the holiday has begun.
        var opened = new DateTime(2025, 9, 30, 17, 0, 0, DateTimeKind.Utc);
        Assert.Equal(ChinaTime.EndOfDayUtc(new DateOnly(2025, 10, 9)), DeadlineSpan.WorkingDays(1).DueFrom(opened, Calendar));
    }

    [Fact]
    public void Hours_run_round_the_clock_through_holidays()
    {
        var opened = Shanghai(2025, 10, 1, 9);
        Assert.Equal(opened.AddHours(2), DeadlineSpan.Hours(2).DueFrom(opened, Calendar));
    }

    [Fact]
    public void Deadlines_into_a_year_without_a_calendar_are_refused_not_guessed()
    {
        var opened = Shanghai(2026, 12, 20, 9);
        Assert.Throws<CalendarMissingException>(() => DeadlineSpan.WorkingDays(10).DueFrom(opened, Calendar));
        Assert.Equal(ChinaTime.EndOfDayUtc(new DateOnly(2026, 12, 22)), DeadlineSpan.WorkingDays(2).DueFrom(opened, Calendar));
    }

    [Fact]
    public void The_most_specific_rule_wins()
    {
        var policy = DeadlinePolicy.Default;
        Assert.Equal(DeadlineSpan.WorkingDays(5), policy.RuleFor(TicketType.Complaint, "noise.construction", Urgency.Normal).Handling);
        Assert.Equal(DeadlineSpan.WorkingDays(1), policy.RuleFor(TicketType.Complaint, "heating.outage", Urgency.Normal).Handling);
        Assert.Equal(DeadlineSpan.Hours(12), policy.RuleFor(TicketType.Complaint, "noise", Urgency.VeryUrgent).Handling);
        Assert.Equal(DeadlineSpan.WorkingDays(10), policy.RuleFor(TicketType.Suggestion, "noise", Urgency.Normal).Handling);
        Assert.Same(DeadlinePolicy.PetitionRule, policy.RuleFor(TicketType.Petition, "heating", Urgency.VeryUrgent));
        // "heat" is not a parent of "heating.fee": prefixes match whole segments only.
        var custom = new DeadlinePolicy([
            new(null, null, null, DeadlineSpan.Hours(24), DeadlineSpan.WorkingDays(5), TimeSpan.FromHours(1), TimeSpan.FromHours(1)),
            new(null, "heat", null, DeadlineSpan.Hours(1), DeadlineSpan.Hours(2), TimeSpan.FromHours(1), TimeSpan.FromHours(1)),
        ]);
        Assert.Equal(DeadlineSpan.WorkingDays(5), custom.RuleFor(TicketType.Help, "heating.fee", Urgency.Normal).Handling);
    }

    [Fact]
    public void A_policy_without_a_catch_all_or_with_ambiguous_rules_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new DeadlinePolicy([
            new(TicketType.Help, null, null, DeadlineSpan.Hours(1), DeadlineSpan.Hours(2), TimeSpan.Zero, TimeSpan.Zero),
        ]));
        var any = new DeadlineRule(null, null, null, DeadlineSpan.Hours(1), DeadlineSpan.Hours(2), TimeSpan.Zero, TimeSpan.Zero);
        Assert.Throws<ArgumentException>(() => new DeadlinePolicy([any, any with { RemindBeforeHandling = TimeSpan.FromHours(1) }]));
    }

    [Fact]
    public void Petitions_follow_the_statutory_15_and_60_days_from_acceptance_even_when_redispatched()
    {
        var accepted = Shanghai(2026, 3, 2, 10);
        var ticket = Ticket(accepted, type: TicketType.Petition, category: "housing.demolition", text: "征收补偿");
        var first = DeadlinePolicy.Default.ComputeFor(ticket, accepted.AddDays(1), Calendar);
        Assert.Equal(ChinaTime.EndOfDayUtc(new DateOnly(2026, 3, 17)), first.SignForDueUtc);
        Assert.Equal(ChinaTime.EndOfDayUtc(new DateOnly(2026, 5, 1)), first.HandlingDueUtc);

        var unit = Department("市住建局");
        Ok(ticket.Dispatch(Operator(), accepted.AddDays(1), unit, first));
        Ok(ticket.Return(Staff(unit), accepted.AddDays(20), "非本单位职责"));
        var again = DeadlinePolicy.Default.ComputeFor(ticket, accepted.AddDays(21), Calendar);
        Assert.Equal(first.HandlingDueUtc, again.HandlingDueUtc);
        Assert.True(again.SignForDueUtc > accepted.AddDays(21));
    }

    [Fact]
    public void Reminder_and_overdue_states_are_pure_functions_of_now()
    {
        var unit = Department();
        var ticket = Ticket();
        Ok(ticket.Dispatch(Operator(), T0, unit, new TicketDeadlines(T0.AddHours(24), T0.AddDays(5))));
        var remind = TimeSpan.FromHours(4);

        Assert.Equal(DeadlineState.OnTrack, DeadlineClock.StateOf(ticket, T0.AddHours(1), remind));
        Assert.Equal(DeadlineState.DueSoon, DeadlineClock.StateOf(ticket, T0.AddHours(21), remind));
        Assert.Equal(DeadlineState.Overdue, DeadlineClock.StateOf(ticket, T0.AddHours(24), remind));
        Assert.True(DeadlineClock.IsSignForOverdue(ticket, T0.AddHours(25)));
        Assert.False(DeadlineClock.IsHandlingOverdue(ticket, T0.AddHours(25)));
        Assert.Equal(TimeSpan.FromHours(-1), DeadlineClock.Remaining(ticket, T0.AddHours(25)));

        Ok(ticket.SignFor(Staff(unit), T0.AddHours(25)));
        Assert.False(DeadlineClock.IsSignForOverdue(ticket, T0.AddHours(26)));
        Assert.Equal(DeadlineState.OnTrack, DeadlineClock.StateOf(ticket, T0.AddHours(26), remind));
        Assert.True(DeadlineClock.IsHandlingOverdue(ticket, T0.AddDays(5)));

        Ok(ticket.Reply(Staff(unit), T0.AddDays(6), "已处理"));
        Assert.Equal(DeadlineState.None, DeadlineClock.StateOf(ticket, T0.AddDays(7), remind));
        Assert.False(DeadlineClock.IsHandlingOverdue(ticket, T0.AddDays(7)));
    }

    [Fact]
    public void Dispatch_refuses_deadlines_in_the_past()
    {
        var ticket = Ticket();
        var result = ticket.Dispatch(Operator(), T0, Department(), new TicketDeadlines(T0.AddHours(-1), T0.AddDays(1)));
        Assert.Equal(RefusalCode.InvalidArgument, result.Code);
    }

    [Fact]
    public void The_policy_reminds_heating_tickets_earlier_than_the_default()
    {
        var opened = Shanghai(2026, 3, 2, 9);
        var heating = Ticket(opened);
        var noise = Ticket(opened, category: "noise.construction", text: "夜间施工噪音扰民");
        var now = opened.AddMinutes(1);
        Ok(heating.Dispatch(Operator(), now, Department(), DeadlinePolicy.Default.ComputeFor(heating, now, Calendar)));
        Ok(noise.Dispatch(Operator(), now, Department(), DeadlinePolicy.Default.ComputeFor(noise, now, Calendar)));

        // Heating: sign within 2 hours, reminded 30 minutes before; noise: 24 hours, reminded 4 hours before.
        Assert.Equal(DeadlineState.OnTrack, DeadlinePolicy.Default.StateOf(heating, opened.AddMinutes(60)));
        Assert.Equal(DeadlineState.DueSoon, DeadlinePolicy.Default.StateOf(heating, opened.AddMinutes(100)));
        Assert.Equal(DeadlineState.Overdue, DeadlinePolicy.Default.StateOf(heating, opened.AddHours(3)));
        Assert.Equal(DeadlineState.OnTrack, DeadlinePolicy.Default.StateOf(noise, opened.AddHours(3)));
        Assert.Equal(DeadlineState.DueSoon, DeadlinePolicy.Default.StateOf(noise, opened.AddHours(21)));

        // Signed for: only the handling deadline runs (heating: end of the next working day, reminded 6 hours before).
        Ok(heating.SignFor(Staff(new UnitRef(heating.CurrentUnitId!.Value, UnitKind.Department, "市住建局")), opened.AddHours(1)));
        Assert.Equal(DeadlineState.OnTrack, DeadlinePolicy.Default.StateOf(heating, Shanghai(2026, 3, 3, 17)));
        Assert.Equal(DeadlineState.DueSoon, DeadlinePolicy.Default.StateOf(heating, Shanghai(2026, 3, 3, 19)));
    }
}
