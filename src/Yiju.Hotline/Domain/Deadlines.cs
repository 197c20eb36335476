using Yiju.Kernel.Calendar;

namespace Yiju.Hotline.Domain;

public enum DeadlineUnit
{
    /// <summary>Clock hours from the start instant, round the clock (urgent matters do not wait for Monday).</summary>
    Hours = 1,
    /// <summary>Working days on China's official calendar; due at the end (24:00 Shanghai) of the last one.</summary>
    WorkingDays = 2,
    /// <summary>Calendar days (the 信访工作条例 counts 日, not 工作日); due at the end of the last day.</summary>
    CalendarDays = 3,
}

public readonly record struct DeadlineSpan(int Amount, DeadlineUnit Unit)
{
    public static DeadlineSpan Hours(int n) => new(n, DeadlineUnit.Hours);
    public static DeadlineSpan WorkingDays(int n) => new(n, DeadlineUnit.WorkingDays);
    public static DeadlineSpan CalendarDays(int n) => new(n, DeadlineUnit.CalendarDays);

    /// <summary>The due instant for something started at <paramref name="startUtc"/>; throws <see cref="CalendarMissingException"/> rather than guess.</summary>
    public DateTime DueFrom(DateTime startUtc, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(Amount);
        var start = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc);
        return Unit switch
        {
            DeadlineUnit.Hours => start.AddHours(Amount),
            // The start day is not counted: a ticket received on Tuesday with 1 working day is due by the end of Wednesday.
            DeadlineUnit.WorkingDays => ChinaTime.EndOfDayUtc(calendar.AddWorkingDays(ChinaTime.DateOf(start), Amount)),
            DeadlineUnit.CalendarDays => ChinaTime.EndOfDayUtc(ChinaTime.DateOf(start).AddDays(Amount)),
            _ => throw new ArgumentOutOfRangeException(nameof(Unit), Unit, "Unknown deadline unit."),
        };
    }
}

public enum DeadlineStart
{
    /// <summary>From the (latest) dispatch to the unit: the hotline's usual clock.</summary>
    Dispatch = 1,
    /// <summary>From acceptance: statutory petition limits run from 受理.</summary>
    Acceptance = 2,
}

/// <summary>
/// One line of the deadline policy. Null selectors match anything; a category code matches itself
/// and its children ("heating" matches "heating.indoor-temperature"). Each deadline has its own
/// reminder window, since a 2-hour sign-for and a 5-day handling limit need different warnings.
/// </summary>
public sealed record DeadlineRule(
    TicketType? Type,
    string? CategoryCode,
    Urgency? Urgency,
    DeadlineSpan SignFor,
    DeadlineSpan Handling,
    TimeSpan RemindBeforeSignFor,
    TimeSpan RemindBeforeHandling,
    DeadlineStart StartsAt = DeadlineStart.Dispatch)
{
    public bool Matches(TicketType type, string categoryCode, Urgency urgency) =>
        (Type is null || Type == type)
        && (Urgency is null || Urgency == urgency)
        && (CategoryCode is null || CategoryMatches(CategoryCode, categoryCode));

    /// <summary>More specific rules win: type, then category depth, then urgency.</summary>
    public int Specificity =>
        (Type is null ? 0 : 100)
        + (CategoryCode is null ? 0 : 10 * (1 + CategoryCode.Count(c => c == '.')))
        + (Urgency is null ? 0 : 1);

    private static bool CategoryMatches(string rule, string code) =>
        string.Equals(rule, code, StringComparison.Ordinal)
        || (code.StartsWith(rule, StringComparison.Ordinal) && code.Length > rule.Length && code[rule.Length] == '.');
}

/// <summary>
/// Deadlines per type, category and urgency. <see cref="Default"/> is a starting point modelled
/// on common 12345 practice (sign for within hours, handle within working days) plus the statutory
/// petition limits; cities edit it. See docs/modules/hotline.md for the sources.
/// </summary>
public sealed class DeadlinePolicy
{
    private readonly IReadOnlyList<DeadlineRule> _rules;

    public DeadlinePolicy(IEnumerable<DeadlineRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        if (!_rules.Any(r => r.Type is null && r.CategoryCode is null && r.Urgency is null))
        {
            throw new ArgumentException("A deadline policy needs a catch-all rule (no type, category or urgency) so that every ticket gets a deadline.", nameof(rules));
        }

        var ties = _rules.GroupBy(r => (r.Type, r.CategoryCode, r.Urgency)).FirstOrDefault(g => g.Count() > 1);
        if (ties is not null)
        {
            throw new ArgumentException($"Two deadline rules have the same selectors ({ties.Key}).", nameof(rules));
        }
    }

    public IReadOnlyList<DeadlineRule> Rules => _rules;

    /// <summary>
    /// 信访工作条例 (2022): written notice of acceptance within 15 days of receipt (the sign-for, which for a petition is
    /// 受理); handled within 60 days of acceptance — the handling span here is provisional until the unit accepts, when
    /// <see cref="Ticket.SignFor"/> sets it from <see cref="PetitionRules"/>; extension by at most 30 days (enforced in <see cref="Ticket"/>).
    /// </summary>
    public static readonly DeadlineRule PetitionRule = new(
        TicketType.Petition, null, null, DeadlineSpan.CalendarDays(15), DeadlineSpan.CalendarDays(60), TimeSpan.FromDays(3), TimeSpan.FromDays(7), DeadlineStart.Acceptance);

    public static DeadlinePolicy Default { get; } = new([
        new(null, null, null, DeadlineSpan.Hours(24), DeadlineSpan.WorkingDays(5), TimeSpan.FromHours(4), TimeSpan.FromHours(24)),
        new(null, null, Urgency.Urgent, DeadlineSpan.Hours(2), DeadlineSpan.WorkingDays(1), TimeSpan.FromMinutes(30), TimeSpan.FromHours(4)),
        new(null, null, Urgency.VeryUrgent, DeadlineSpan.Hours(1), DeadlineSpan.Hours(12), TimeSpan.FromMinutes(15), TimeSpan.FromHours(3)),
        new(TicketType.Consultation, null, null, DeadlineSpan.Hours(24), DeadlineSpan.WorkingDays(2), TimeSpan.FromHours(4), TimeSpan.FromHours(12)),
        new(TicketType.Suggestion, null, null, DeadlineSpan.Hours(24), DeadlineSpan.WorkingDays(10), TimeSpan.FromHours(4), TimeSpan.FromDays(2)),
        // No heat in a Harbin winter is urgent by nature: sign within 2 hours, handle within 1 working day.
        new(null, "heating", null, DeadlineSpan.Hours(2), DeadlineSpan.WorkingDays(1), TimeSpan.FromMinutes(30), TimeSpan.FromHours(6)),
        new(null, "snow-ice", null, DeadlineSpan.Hours(2), DeadlineSpan.WorkingDays(2), TimeSpan.FromMinutes(30), TimeSpan.FromHours(6)),
        PetitionRule,
    ]);

    public DeadlineRule RuleFor(TicketType type, string categoryCode, Urgency urgency) =>
        _rules.Where(r => r.Matches(type, categoryCode, urgency)).MaxBy(r => r.Specificity)!;

    /// <summary>The running deadline's state with this ticket's own reminder window: what the reminder job asks.</summary>
    public DeadlineState StateOf(Ticket ticket, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var rule = RuleFor(ticket.Type, ticket.CategoryCode, ticket.Urgency);
        return DeadlineClock.StateOf(ticket, nowUtc, rule.RemindBeforeSignFor, rule.RemindBeforeHandling);
    }

    /// <summary>Deadlines for dispatching (or reopening) <paramref name="ticket"/> at <paramref name="nowUtc"/>.</summary>
    public TicketDeadlines ComputeFor(Ticket ticket, DateTime nowUtc, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var rule = RuleFor(ticket.Type, ticket.CategoryCode, ticket.Urgency);
        var start = rule.StartsAt == DeadlineStart.Acceptance ? ticket.AcceptedAtUtc : nowUtc;
        var signFor = rule.SignFor.DueFrom(start, calendar);
        var handling = rule.Handling.DueFrom(start, calendar);
        if (rule.StartsAt == DeadlineStart.Acceptance && ticket.OriginalHandlingDueUtc is { } statutory)
        {
            // A re-dispatched petition keeps its statutory clock; it does not restart.
            handling = statutory;
        }

        if (signFor <= nowUtc)
        {
            // Re-dispatch late in a statutory period: the new unit still gets a sign-for window.
            signFor = DeadlineSpan.Hours(24).DueFrom(nowUtc, calendar);
        }

        return new TicketDeadlines(signFor, handling < signFor ? signFor : handling);
    }
}

public enum DeadlineState
{
    None = 0,      // no deadline is running
    OnTrack = 1,
    DueSoon = 2,   // within the reminder window
    Overdue = 3,
}

/// <summary>Pure functions over a ticket and "now" that the scheduled reminder job and the work queue share.</summary>
public static class DeadlineClock
{
    public static bool IsSignForOverdue(Ticket ticket, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.Status == TicketStatus.Dispatched && ticket.SignForDueUtc is { } due && nowUtc >= due;
    }

    public static bool IsHandlingOverdue(Ticket ticket, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.Status is TicketStatus.Dispatched or TicketStatus.InHandling
            && ticket.HandlingDueUtc is { } due && nowUtc >= due;
    }

    /// <summary>The state of the running deadlines with one reminder window for both.</summary>
    public static DeadlineState StateOf(Ticket ticket, DateTime nowUtc, TimeSpan remindBefore) =>
        StateOf(ticket, nowUtc, remindBefore, remindBefore);

    /// <summary>
    /// The worst state of the deadlines running now (<see cref="DeadlineNotices.Running"/>): sign-for and handling while
    /// dispatched (the handling clock already runs), handling alone once signed for, a petition's decision limit until it
    /// is accepted; None otherwise.
    /// </summary>
    public static DeadlineState StateOf(Ticket ticket, DateTime nowUtc, TimeSpan remindBeforeSignFor, TimeSpan remindBeforeHandling)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var worst = DeadlineState.None;
        foreach (var clock in DeadlineNotices.Running(ticket, remindBeforeSignFor, remindBeforeHandling))
        {
            var state = Classify(clock.DueUtc, nowUtc, clock.RemindBefore);
            if (state > worst)
                worst = state;
        }

        return worst;
    }

    public static DeadlineState Classify(DateTime? dueUtc, DateTime nowUtc, TimeSpan remindBefore) => dueUtc switch
    {
        null => DeadlineState.None,
        { } due when nowUtc >= due => DeadlineState.Overdue,
        { } due when nowUtc >= due - remindBefore => DeadlineState.DueSoon,
        _ => DeadlineState.OnTrack,
    };

    /// <summary>Time left before the running deadline (negative when overdue), or null when none runs.</summary>
    public static TimeSpan? Remaining(Ticket ticket, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        DateTime? due = ticket.Status switch
        {
            TicketStatus.Dispatched => Earliest(ticket.SignForDueUtc, ticket.HandlingDueUtc),
            TicketStatus.InHandling => ticket.HandlingDueUtc,
            _ => null,
        };
        return due - nowUtc;
    }

    private static DateTime? Earliest(DateTime? a, DateTime? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}
