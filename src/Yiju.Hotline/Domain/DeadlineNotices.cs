namespace Yiju.Hotline.Domain;

/// <summary>Which deadline of a ticket is running.</summary>
public enum RunningDeadline
{
    SignFor = 1,
    Handling = 2,
    /// <summary>A petition not yet accepted: the 15-day 受理告知 limit (its sign-for once it is with a unit).</summary>
    Decision = 3,
}

/// <summary>One deadline running now, with the reminder window that applies to it.</summary>
public readonly record struct RunningClock(RunningDeadline Deadline, DateTime DueUtc, TimeSpan RemindBefore);

/// <summary>A notice the deadline job owes a ticket now: a reminder before <see cref="DueUtc"/> or an escalation after it.</summary>
public readonly record struct DueNotice(NoticeKind Kind, DateTime DueUtc);

/// <summary>
/// Pure rules of the scheduled reminder and escalation job: which deadlines run, and which notice each is owed at "now".
/// Each (ticket, kind, deadline instant) is owed once; the job records it with a unique key so reruns and overlapping runs
/// find it already done. A new deadline (re-dispatch, reopen, extension) is a new instant and so gets its own notices.
/// </summary>
public static class DeadlineNotices
{
    public static bool IsEscalation(NoticeKind kind) =>
        kind is NoticeKind.SignForEscalation or NoticeKind.HandlingEscalation or NoticeKind.DecisionEscalation;

    public static string DeadlineLabel(NoticeKind kind) => kind switch
    {
        NoticeKind.SignForReminder or NoticeKind.SignForEscalation => "签收期限",
        NoticeKind.HandlingReminder or NoticeKind.HandlingEscalation => "办理期限",
        NoticeKind.DecisionReminder or NoticeKind.DecisionEscalation => "信访受理告知期限",
        _ => kind.ToString(),
    };

    public static string DeadlineLabelEn(NoticeKind kind) => kind switch
    {
        NoticeKind.SignForReminder or NoticeKind.SignForEscalation => "sign-for deadline",
        NoticeKind.HandlingReminder or NoticeKind.HandlingEscalation => "handling deadline",
        NoticeKind.DecisionReminder or NoticeKind.DecisionEscalation => "petition acceptance decision deadline",
        _ => kind.ToString(),
    };

    /// <summary>
    /// The deadlines running for <paramref name="ticket"/>: sign-for and handling while dispatched (the handling clock already
    /// runs), handling alone once signed for. A petition not yet accepted runs only its decision limit (with the bureau, or with
    /// the unit it was sent to, where it is that unit's sign-for); its 60 days start at acceptance.
    /// </summary>
    public static IReadOnlyList<RunningClock> Running(Ticket ticket, TimeSpan remindBeforeSignFor, TimeSpan remindBeforeHandling)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var undecidedPetition = ticket.Type == TicketType.Petition && ticket.PetitionAcceptedAtUtc is null && ticket.ReviewCount == 0;
        var clocks = new List<RunningClock>(2);
        switch (ticket.Status)
        {
            case TicketStatus.Accepted or TicketStatus.Returned or TicketStatus.InArbitration when undecidedPetition && ticket.DecisionDueUtc is { } decision:
                clocks.Add(new RunningClock(RunningDeadline.Decision, decision, remindBeforeSignFor));
                break;
            case TicketStatus.Dispatched when undecidedPetition:
                if (ticket.SignForDueUtc is { } petitionSignFor)
                    clocks.Add(new RunningClock(RunningDeadline.Decision, petitionSignFor, remindBeforeSignFor));
                break;
            case TicketStatus.Dispatched:
                if (ticket.SignForDueUtc is { } signFor)
                    clocks.Add(new RunningClock(RunningDeadline.SignFor, signFor, remindBeforeSignFor));
                if (ticket.HandlingDueUtc is { } handlingWhileDispatched)
                    clocks.Add(new RunningClock(RunningDeadline.Handling, handlingWhileDispatched, remindBeforeHandling));
                break;
            case TicketStatus.InHandling:
                if (ticket.HandlingDueUtc is { } handling)
                    clocks.Add(new RunningClock(RunningDeadline.Handling, handling, remindBeforeHandling));
                break;
            default:
                break;
        }

        return clocks;
    }

    /// <summary>
    /// The notices owed now: for each running deadline, an escalation once it has passed, else a reminder once inside its
    /// window. A deadline first seen after it passed (the job was down) gets only the escalation: a late reminder helps nobody.
    /// </summary>
    public static IReadOnlyList<DueNotice> Due(Ticket ticket, DeadlineRule rule, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var notices = new List<DueNotice>(2);
        foreach (var clock in Running(ticket, rule.RemindBeforeSignFor, rule.RemindBeforeHandling))
        {
            var state = DeadlineClock.Classify(clock.DueUtc, nowUtc, clock.RemindBefore);
            if (state == DeadlineState.Overdue)
                notices.Add(new DueNotice(EscalationOf(clock.Deadline), clock.DueUtc));
            else if (state == DeadlineState.DueSoon)
                notices.Add(new DueNotice(ReminderOf(clock.Deadline), clock.DueUtc));
        }

        return notices;
    }

    public static NoticeKind ReminderOf(RunningDeadline deadline) => deadline switch
    {
        RunningDeadline.SignFor => NoticeKind.SignForReminder,
        RunningDeadline.Handling => NoticeKind.HandlingReminder,
        RunningDeadline.Decision => NoticeKind.DecisionReminder,
        _ => throw new ArgumentOutOfRangeException(nameof(deadline)),
    };

    public static NoticeKind EscalationOf(RunningDeadline deadline) => deadline switch
    {
        RunningDeadline.SignFor => NoticeKind.SignForEscalation,
        RunningDeadline.Handling => NoticeKind.HandlingEscalation,
        RunningDeadline.Decision => NoticeKind.DecisionEscalation,
        _ => throw new ArgumentOutOfRangeException(nameof(deadline)),
    };
}
