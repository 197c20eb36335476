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
