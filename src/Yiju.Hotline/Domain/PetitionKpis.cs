namespace Yiju.Hotline.Domain;

/// <summary>
/// Petition figures for a period, as the programme's indicators count them (信访事项时限内办结率, 信访工作群众满意率).
/// A petition belongs to the period in which its on-time outcome became known: its reply (or 不予受理 decision) when given
/// by the deadline, otherwise the deadline itself, the moment it became late. Satisfaction counts the rated evaluations of
/// petitions replied to in the period.
/// </summary>
public static class PetitionKpis
{
    public static DateTime? OutcomeAt(TicketSnapshot t, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Type != TicketType.Petition || t.Status == TicketStatus.Merged || t.HandlingDueUtc is not { } due)
            return null;
        if (t.RepliedAtUtc is { } replied && replied <= due)
            return replied;
        return nowUtc >= due ? due : null;
    }

    public static (Rate OnTime, Rate Satisfaction) ForPeriod(IEnumerable<TicketSnapshot> tickets, DateTime startUtc, DateTime endUtc, DateTime nowUtc,
        double basicallySatisfiedCredit = 1.0)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var petitions = tickets.Where(t => t.Type == TicketType.Petition && t.Status != TicketStatus.Merged).ToList();
        var onTime = Kpis.Compute(KpiKind.OnTimeClosing,
            petitions.Where(t => OutcomeAt(t, nowUtc) is { } at && at >= startUtc && at < endUtc), nowUtc);
        var satisfaction = Kpis.Compute(KpiKind.Satisfaction,
            petitions.Where(t => t.RepliedAtUtc is { } r && r >= startUtc && r < endUtc), nowUtc, basicallySatisfiedCredit);
        return (onTime, satisfaction);
    }
}
