namespace Yiju.Hotline.Domain;

/// <summary>
/// One line of a ticket's timeline: every transition, including ones that keep the status
/// (progress notes, supervision, callbacks), is recorded with who, when, from and to.
/// </summary>
public sealed class TicketEvent
{
    public long Id { get; private set; }
    public Guid TicketId { get; private set; }
    /// <summary>1, 2, 3 … within the ticket; equals the ticket's Version after the change.</summary>
    public int Sequence { get; private set; }
    public DateTime AtUtc { get; private set; }
    public TicketAction Action { get; private set; }
    public long? ActorPersonId { get; private set; }
    public string ActorName { get; private set; } = string.Empty;
    public HotlineRole ActorRole { get; private set; }
    public long? ActorUnitId { get; private set; }
    public TicketStatus FromStatus { get; private set; }
    public TicketStatus ToStatus { get; private set; }
    public long? FromUnitId { get; private set; }
    public long? ToUnitId { get; private set; }
    public string? Note { get; private set; }

    private TicketEvent()
    {
    }

    internal TicketEvent(Guid ticketId, int sequence, DateTime atUtc, TicketAction action, Actor actor,
        TicketStatus from, TicketStatus to, long? fromUnit, long? toUnit, string? note)
    {
        TicketId = ticketId;
        Sequence = sequence;
        AtUtc = atUtc;
        Action = action;
        ActorPersonId = actor.PersonId;
        ActorName = actor.Name;
        ActorRole = actor.Role;
        ActorUnitId = actor.UnitId;
        FromStatus = from;
        ToStatus = to;
        FromUnitId = fromUnit;
        ToUnitId = toUnit;
        Note = note;
    }
}
