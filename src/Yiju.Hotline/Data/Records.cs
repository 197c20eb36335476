using Yiju.Kernel.Auditing;

namespace Yiju.Hotline.Data;

/// <summary>The daily ticket-number counter per prefix (12345, XF); bumped with one upsert so two nodes never issue the same number.</summary>
[NotAudited]
public sealed class TicketNumberCounter
{
    public string Prefix { get; set; } = string.Empty;
    /// <summary>The Asia/Shanghai date as yyyyMMdd.</summary>
    public string Day { get; set; } = string.Empty;
    public int LastNumber { get; set; }
}

/// <summary>One resident submission's idempotency key: the same key again returns the ticket it created instead of a new one.</summary>
public sealed class SubmissionKey
{
    public string Key { get; set; } = string.Empty;
    public Guid TicketId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>An Open311 client registered by an administrator; only the SHA-256 of its api_key is stored.</summary>
public sealed class Open311Client
{
    public long Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string KeyPrefix { get; set; } = string.Empty;
    [RedactedInAudit]
    public string KeyHash { get; set; } = string.Empty;
    public bool Active { get; set; } = true;
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }
}

/// <summary>
/// A reminder or escalation the deadline job recorded for a ticket: what the holding unit (and, for an escalation, the
/// centre or the street's district) sees in its queue. Unique on (ticket, kind, deadline instant): the database refuses a
/// second one, so overlapping runs on several nodes cannot double it.
/// </summary>
public sealed class DeadlineNotice
{
    public long Id { get; set; }
    public Guid TicketId { get; set; }
    public string TicketNumber { get; set; } = string.Empty;
    public Domain.NoticeKind Kind { get; set; }
    /// <summary>The deadline this notice is about (UTC).</summary>
    public DateTime DueUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public bool Petition { get; set; }
    /// <summary>The unit holding the ticket when the notice was recorded; null while it is with the centre or the petition bureau.</summary>
    public Domain.UnitKind? UnitKind { get; set; }
    public long? UnitId { get; set; }
    /// <summary>For an escalation of a street's ticket, its district (the superior unit); the centre sees every escalation.</summary>
    public long? EscalatedToDistrictId { get; set; }
}

/// <summary>
/// A lease on a scheduled job: the node whose <see cref="Holder"/> is written here may run it until <see cref="ExpiresAtUtc"/>.
/// Taken and renewed with one conditional upsert (same SQL on SQLite and PostgreSQL), so only one node runs the job at a time.
/// Not audited: it changes on every run and records no decision.
/// </summary>
[NotAudited]
public sealed class JobLease
{
    public string Name { get; set; } = string.Empty;
    public string Holder { get; set; } = string.Empty;
    public DateTime ExpiresAtUtc { get; set; }
}
