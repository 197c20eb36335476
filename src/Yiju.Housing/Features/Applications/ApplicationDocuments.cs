using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Data;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Procedure;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Housing.Features.Applications;

/// <summary>An uploaded file before it is checked: the kind (income proof, hukou booklet, …), the name as sent and the bytes.</summary>
public sealed record DocumentUpload(string? Kind, string? FileName, byte[] Content);

public sealed record DocumentView(Guid Id, string Kind, string FileName, string ContentType, long SizeBytes, string Sha256Hex, DateTime UploadedUtc);

public sealed record DocumentFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Supporting documents of an application, stored in the database (metadata in housing_document, audited; bytes in
/// housing_document_content). Street staff of the application's street upload at the office; whoever may see the
/// application (its street, its district, the bureau) lists and downloads. Nothing here is public: a resident's files
/// come in only with the resident's own submission and are never shown back.
/// </summary>
public sealed class ApplicationDocuments(IHousingDb db, HousingAccess access, TimeProvider clock)
{
    public const int MaxDocumentsPerApplication = 20;

    /// <summary>The domain's checks on uploaded bytes: magic-byte type (PDF, JPEG, PNG) and size (10 MB), with the hash computed.</summary>
    public static (ApplicationDocument Document, Reason? Problem) Prepare(Guid applicationId, DocumentUpload upload, Guid uploadedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var document = ApplicationDocument.FromUpload(applicationId, upload.Kind, upload.FileName, upload.Content, uploadedBy, now);
        return (document, document.Check() is { } problem ? problem with { Text = $"{document.FileName}：{problem.Text}" } : null);
    }

    public async Task<Outcome<DocumentView>> Upload(Guid applicationId, DocumentUpload upload, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var actors = await access.ActorsOf(caller, ct);
        if (actors.Count == 0)
            return Failure.Forbidden("无住房保障审核权限 (no housing role)");
        var app = await db.HousingApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null)
            return Failure.NotFound("申请不存在 (no such application)");
        var actor = actors.FirstOrDefault(a => a.Role == ActorRole.StreetReviewer && string.Equals(a.StreetCode, app.StreetCode, StringComparison.Ordinal));
        if (actor is null)
            return Failure.Forbidden("只有申请所在街道的工作人员可以上传材料 (only staff of the application's street upload documents)");
        if (await db.HousingDocuments.CountAsync(d => d.ApplicationId == applicationId, ct) >= MaxDocumentsPerApplication)
            return Failure.Invalid("documents", $"每份申请最多{MaxDocumentsPerApplication}份材料 (at most {MaxDocumentsPerApplication} documents per application)");
        var (document, problem) = Prepare(applicationId, upload, actor.UserId, clock.GetUtcNow().UtcDateTime);
        if (problem is not null)
            return Failure.Invalid(problem.Code, problem.Text);
        db.HousingDocuments.Add(document);
        db.HousingDocumentContents.Add(new DocumentContent { DocumentId = document.Id, Content = upload.Content });
        await db.SaveChangesAsync(ct);
        return View(document);
    }

    public async Task<Outcome<List<DocumentView>>> List(Guid applicationId, Caller caller, CancellationToken ct)
    {
        var seen = await Visible(applicationId, caller, ct);
        if (seen is not null)
            return seen;
        var documents = await db.HousingDocuments.AsNoTracking().Where(d => d.ApplicationId == applicationId).ToListAsync(ct);
        return documents.OrderBy(d => d.UploadedUtc).ThenBy(d => d.FileName, StringComparer.Ordinal).Select(View).ToList();
    }

    public async Task<Outcome<DocumentFile>> Download(Guid applicationId, Guid documentId, Caller caller, CancellationToken ct)
    {
        var seen = await Visible(applicationId, caller, ct);
        if (seen is not null)
            return seen;
        var document = await db.HousingDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ApplicationId == applicationId, ct);
        var content = document is null ? null : await db.HousingDocumentContents.AsNoTracking().FirstOrDefaultAsync(c => c.DocumentId == documentId, ct);
        if (document is null || content is null)
            return Failure.NotFound("材料不存在 (no such document)");
        return new DocumentFile(document.FileName, document.ContentType, content.Content);
    }

    /// <summary>The same rule as viewing the application: its street, its district or the bureau.</summary>
    private async Task<Failure?> Visible(Guid applicationId, Caller caller, CancellationToken ct)
    {
        var actors = await access.ActorsOf(caller, ct);
        if (actors.Count == 0)
            return Failure.Forbidden("无住房保障审核权限 (no housing role)");
        var app = await db.HousingApplications.AsNoTracking().Where(a => a.Id == applicationId)
            .Select(a => new { a.DistrictCode, a.StreetCode }).FirstOrDefaultAsync(ct);
        if (app is null)
            return Failure.NotFound("申请不存在 (no such application)");
        return HousingAccess.CanSee(actors, app.DistrictCode, app.StreetCode) ? null : Failure.Forbidden("该申请不在您的辖区 (outside your area)");
    }

    private static DocumentView View(ApplicationDocument d) => new(d.Id, d.Kind, d.FileName, d.ContentType, d.SizeBytes, d.Sha256Hex, d.UploadedUtc);
}
