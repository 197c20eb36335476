using Yiju.Kernel.Auditing;

namespace Yiju.Programme.Data;

/// <summary>
/// The bytes of an accepted import file, one row per <see cref="Domain.ValueImport"/>, kept in the database so web
/// nodes stay stateless. Not audited (the audit log would copy megabytes); the import row, with its SHA-256, is
/// audited and pins the content.
/// </summary>
[NotAudited]
public sealed class ValueImportContent
{
    public Guid ImportId { get; set; }
    public byte[] Content { get; set; } = [];
}

/// <summary>The bytes of an evidence file (<see cref="Domain.ValueEvidence"/>); not audited for the same reason, pinned by the audited SHA-256.</summary>
[NotAudited]
public sealed class EvidenceContent
{
    public Guid EvidenceId { get; set; }
    public byte[] Content { get; set; } = [];
}
