using Yiju.Housing.Domain.Procedure;

namespace Yiju.Housing.Domain.Applications;

public enum Relationship
{
    Applicant = 0,
    Spouse = 1,
    Child = 2,
    Parent = 3,
    Other = 4,
}

public enum SubmissionChannel
{
    /// <summary>Filled in by the resident online.</summary>
    Online = 0,

    /// <summary>Entered by street-office staff with the resident present.</summary>
    StreetOffice = 1,
}

/// <summary>
/// One household's application to one scheme. The household is identified by <see cref="HouseholdId"/>,
/// which stays the same across its applications to different schemes and years.
/// </summary>
public sealed class HouseholdApplication
{
    public Guid Id { get; set; }

    /// <summary>Human-readable number shown on notices and used as the lottery entrant id (letters, digits, '-').</summary>
    public string Number { get; set; } = "";

    public Guid HouseholdId { get; set; }
    public SchemeKind Scheme { get; set; }

    /// <summary>The rule set the application was judged against, kept so a later rule change does not rewrite history.</summary>
    public Guid? RuleSetId { get; set; }

    public string DistrictCode { get; set; } = "";
    public string StreetCode { get; set; } = "";

    /// <summary>The resident account that owns the application (the applicant acts through it).</summary>
    public Guid ApplicantUserId { get; set; }

    public SubmissionChannel Channel { get; set; }

    /// <summary>Floor area of all housing the household owns or rents now (m²).</summary>
    public double CurrentHousingAreaM2 { get; set; }

    /// <summary>Household assets: deposits, securities, vehicles, in fen.</summary>
    public long AssetsFen { get; set; }

    /// <summary>特困 / 低保 or other special hardship certified by civil affairs.</summary>
    public bool SpecialHardship { get; set; }

    public ApplicationStatus Status { get; set; } = ApplicationStatus.Draft;

    /// <summary>Deadline (civil date, inclusive) for the step the application is waiting on; null when nobody owes an action.</summary>
    public DateOnly? StepDueOn { get; set; }

    public DateOnly? FirstNoticeEndsOn { get; set; }
    public DateOnly? ResultNoticeEndsOn { get; set; }
    public DateOnly? NextAnnualReviewDueOn { get; set; }

    public int? PriorityTier { get; set; }
    public int? LotteryRank { get; set; }
    public Guid? LotteryId { get; set; }
    public Guid? AllocatedFlatId { get; set; }

    public DateTime CreatedUtc { get; set; }
    public DateTime? SubmittedUtc { get; set; }

    /// <summary>The most recent reason the application was returned, removed or exited; what the applicant sees.</summary>
    public string? LastReason { get; set; }

    /// <summary>App-managed concurrency token (SQLite has no rowversion); bumped on every transition.</summary>
    public long Version { get; set; }

    public List<ApplicationMember> Members { get; set; } = [];
    public List<ApplicationDocument> Documents { get; set; } = [];
    public List<ApplicationEvent> Events { get; set; } = [];
    public List<Objection> Objections { get; set; } = [];

    public ApplicationMember? Applicant => Members.FirstOrDefault(m => m.Relationship == Relationship.Applicant);

    public int HouseholdSize => Members.Count;

    public long TotalMonthlyIncomeFen => Members.Sum(m => m.MonthlyIncomeFen);
}

public sealed class ApplicationMember
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The 18-character resident identity number, stored normalised (upper-case X).</summary>
    public string IdNumber { get; set; } = "";

    public Relationship Relationship { get; set; }

    /// <summary>Average monthly income over the last 12 months, in fen.</summary>
    public long MonthlyIncomeFen { get; set; }

    /// <summary>Holds a Harbin household registration (本市户籍).</summary>
    public bool LocalHukou { get; set; }

    /// <summary>Months of social insurance paid in Harbin (for new citizens without local hukou).</summary>
    public int SocialInsuranceMonths { get; set; }

    public bool Disabled { get; set; }
    public bool Veteran { get; set; }
}

/// <summary>A supporting document (income proof, hukou booklet, marriage certificate). The bytes live in a separate row (housing_document_content); the hash pins its content.</summary>
public sealed class ApplicationDocument
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public string Kind { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256Hex { get; set; } = "";
    public DateTime UploadedUtc { get; set; }
    public Guid UploadedByUserId { get; set; }

    public const long MaxSizeBytes = 10 * 1024 * 1024;

    /// <summary>Scans and photos of certificates: PDF, JPEG or PNG, at most 10 MB, with the content hash recorded.</summary>
    public static readonly IReadOnlySet<string> AllowedContentTypes = new HashSet<string>(StringComparer.Ordinal) { "application/pdf", "image/jpeg", "image/png" };

    /// <summary>
    /// The content type from the file's first bytes (magic numbers), not from its name or the browser's claim:
    /// "%PDF-" for PDF, FF D8 FF for JPEG, the 8-byte PNG signature; null for anything else.
    /// </summary>
    public static string? SniffContentType(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }
        return null;
    }

    /// <summary>
    /// A document from uploaded bytes: the content type is sniffed (an unknown type is recorded as
    /// "application/octet-stream" so <see cref="Check"/> refuses it), the size and SHA-256 are computed here.
    /// </summary>
    public static ApplicationDocument FromUpload(Guid applicationId, string? kind, string? fileName, ReadOnlySpan<byte> content, Guid uploadedBy, DateTime uploadedUtc) => new()
    {
        Id = Guid.NewGuid(),
        ApplicationId = applicationId,
        Kind = string.IsNullOrWhiteSpace(kind) ? "other" : kind.Trim()[..Math.Min(kind.Trim().Length, 50)],
        FileName = CleanFileName(fileName),
        ContentType = SniffContentType(content) ?? "application/octet-stream",
        SizeBytes = content.Length,
        Sha256Hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)),
        UploadedUtc = uploadedUtc,
        UploadedByUserId = uploadedBy,
    };

    /// <summary>The name without any path, control characters or quotes, at most 200 characters.</summary>
    public static string CleanFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not '"' and not '/').ToArray()).Trim();
        if (name.Length == 0)
        {
            name = "document";
        }
        return name.Length > 200 ? name[^200..] : name;
    }

    public Reason? Check()
    {
        if (!AllowedContentTypes.Contains(ContentType))
        {
            return new("document_type_not_allowed", "材料只能上传PDF、JPEG或PNG文件");
        }
        if (SizeBytes is <= 0 or > MaxSizeBytes)
        {
            return new("document_size_invalid", "材料文件不能为空，且不能超过10MB");
        }
        if (Sha256Hex.Length != 64 || Sha256Hex.Any(c => !char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)))
        {
            return new("document_hash_missing", "材料文件缺少有效的SHA-256摘要");
        }
        return null;
    }
}
