namespace Yiju.Hotline.Domain;

/// <summary>A flat, immutable view of a ticket for KPIs, rankings and hotspots (and for projecting from SQL).</summary>
public sealed record TicketSnapshot(
    Guid Id,
    TicketType Type,
    string CategoryCode,
    Urgency Urgency,
    TicketStatus Status,
    long? UnitId,
    UnitKind? UnitKind,
    long? DistrictId,
    long? StreetId,
    DateTime AcceptedAtUtc,
    DateTime? FirstDispatchedAtUtc,
    DateTime? SignForDueUtc,
    DateTime? SignedForAtUtc,
    DateTime? HandlingDueUtc,
    DateTime? RepliedAtUtc,
    DateTime? ClosedAtUtc,
    bool? CallbackResolved,
    Satisfaction? CallbackSatisfaction,
    bool ResolvedAtIntake,
    int ReopenCount);
