using Yiju.Kernel.Auditing;

namespace Yiju.Housing.Data;

/// <summary>
/// The bytes of an uploaded document, one row per <see cref="Domain.Applications.ApplicationDocument"/>, kept in the
/// database so web nodes stay stateless. Not audited (the audit log would copy up to 10 MB per upload); the
/// metadata row, with its SHA-256, is audited and pins the content.
/// </summary>
[NotAudited]
public sealed class DocumentContent
{
    public Guid DocumentId { get; set; }
    public byte[] Content { get; set; } = [];
}
