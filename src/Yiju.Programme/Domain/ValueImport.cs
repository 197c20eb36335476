namespace Yiju.Programme.Domain;

/// <summary>
/// One accepted bulk import: who, when, which file (name, format, size, SHA-256) and how many values it created or
/// replaced. The file's bytes are kept beside it (<c>prog_import_content</c>), so every imported value can be traced
/// to its row (<see cref="ReportedValue.ImportId"/> and the row number in the value's source) and the file re-read.
/// A refused import leaves nothing behind.
/// </summary>
public sealed class ValueImport
{
    public Guid Id { get; set; }

    public string FileName { get; set; } = "";

    /// <summary>"xlsx" or "csv".</summary>
    public string Format { get; set; } = "";

    public long SizeBytes { get; set; }

    public string Sha256Hex { get; set; } = "";

    public int Created { get; set; }

    /// <summary>Drafts or returned values of the same period that the file's rows replaced.</summary>
    public int Replaced { get; set; }

    /// <summary>Whether the values were submitted for review at once (otherwise they are drafts).</summary>
    public bool Submitted { get; set; }

    public string ImportedBy { get; set; } = "";

    public DateTime ImportedAtUtc { get; set; }
}

/// <summary>
/// 佐证材料: a file supporting a reported value (a ledger extract, a photo of the site, an acceptance certificate).
/// The bytes are in a separate row; the SHA-256 pins them. Only PDF, JPEG, PNG, .xlsx and .docx, judged by content.
/// </summary>
public sealed class ValueEvidence
{
    public const long MaxSizeBytes = 10 * 1024 * 1024;

    public const int MaxPerValue = 20;

    public Guid Id { get; set; }

    public Guid ValueId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long SizeBytes { get; set; }

    public string Sha256Hex { get; set; } = "";

    public string UploadedBy { get; set; } = "";

    public DateTime UploadedAtUtc { get; set; }
}
