using Yiju.Kernel.Auditing;

namespace Yiju.Data.Auditing;

/// <summary>
/// One change of state. Rows are appended only, numbered without gaps, and hash-chained: each row's hash covers its
/// own fields and the previous row's hash, so an altered, inserted or deleted row breaks the chain at that point.
/// </summary>
[NotAudited]
public sealed class AuditEntry
{
    public long Seq { get; set; }
    public DateTime At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>Data-protection key XML, kept in the database so that several web nodes share cookies and antiforgery tokens.</summary>
[NotAudited]
public sealed class DataProtectionKey
{
    public long Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}
