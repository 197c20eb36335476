namespace Yiju.Housing.Domain.Procedure;

/// <summary>One audited step: who did what, when, from which state to which, and why.</summary>
public sealed class ApplicationEvent
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public int Sequence { get; set; }
    public DateTime AtUtc { get; set; }
    public ProcedureAction Action { get; set; }
    public ApplicationStatus From { get; set; }
    public ApplicationStatus To { get; set; }
    public Guid ActorUserId { get; set; }
    public ActorRole ActorRole { get; set; }
    public string? Reason { get; set; }
}

public enum ObjectionOutcome
{
    Pending = 0,

    /// <summary>The objection is true; the household is removed.</summary>
    Upheld = 1,

    Dismissed = 2,
}

/// <summary>An objection raised during a public notice (公示异议) and how it was resolved.</summary>
public sealed class Objection
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }

    /// <summary>Which notice the objection was raised in.</summary>
    public ApplicationStatus Notice { get; set; }

    public string Text { get; set; } = "";

    /// <summary>Contact of the objector, kept for the investigation and never published.</summary>
    public string RaisedBy { get; set; } = "";

    public DateTime RaisedUtc { get; set; }
    public ObjectionOutcome Outcome { get; set; }
    public string? Resolution { get; set; }
    public DateTime? ResolvedUtc { get; set; }
    public Guid? ResolvedByUserId { get; set; }
}
