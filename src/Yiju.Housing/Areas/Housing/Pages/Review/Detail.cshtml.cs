using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Yiju.Housing.Api;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Features;
using Yiju.Housing.Features.Applications;
using Yiju.Housing.Features.Subsidies;

namespace Yiju.Housing.Areas.Housing.Pages.Review;

/// <summary>One application for staff: members (ID numbers masked), history, objections, and the steps the caller may take.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = ApplicationDocument.MaxSizeBytes + (1024 * 1024))]
public sealed class DetailModel(ApplicationQueries queries, ActOnApplication act, Objections objections, SubsidyHandlers subsidies, ApplicationDocuments documents, HousingAccess access) : HousingPageModel
{
    public ApplicationDetail? Detail { get; private set; }

    public IReadOnlyList<DocumentView> Documents { get; private set; } = [];

    /// <summary>Street staff of the application's street may upload; everyone who sees the application may download.</summary>
    public bool CanUpload { get; private set; }

    public async Task<IActionResult> OnPostUpload(Guid id, IFormFile? file, string? kind, CancellationToken ct)
    {
        var read = await HousingApi.ReadDocument(file, kind, ct);
        var outcome = read.Succeeded ? await documents.Upload(id, read.Value!, Caller, ct) : read.Failure!;
        if (!outcome.Succeeded)
        {
            await Load(id, ct);
            return Fail(outcome.Failure!);
        }
        Message = $"{outcome.Value!.FileName}: SHA-256 {outcome.Value.Sha256Hex}";
        return Redirect($"/housing/review/{id}");
    }

    /// <summary>Download, authorised like viewing the application (403 otherwise); always an attachment.</summary>
    public async Task<IActionResult> OnGetDocument(Guid id, Guid documentId, CancellationToken ct)
    {
        var outcome = await documents.Download(id, documentId, Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(id, ct);
            return Fail(outcome.Failure!);
        }
        return File(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName);
    }

    public async Task<IActionResult> OnGet(Guid id, CancellationToken ct) => await Load(id, ct);

    public async Task<IActionResult> OnPostAct(Guid id, ProcedureAction action, string? reason, long? version, CancellationToken ct)
    {
        var outcome = await act.Handle(id, action, reason, version, Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(id, ct);
            return Fail(outcome.Failure!);
        }
        Message = $"{outcome.Value!.Number}: {outcome.Value.Status.ChineseName()}";
        return Redirect($"/housing/review/{id}");
    }

    public async Task<IActionResult> OnPostResolve(Guid id, Guid objectionId, bool upheld, string? resolution, CancellationToken ct)
    {
        var outcome = await objections.Resolve(id, objectionId, upheld, resolution, Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(id, ct);
            return Fail(outcome.Failure!);
        }
        Message = "异议已处理 (objection resolved)";
        return Redirect($"/housing/review/{id}");
    }

    public async Task<IActionResult> OnPostSubsidy(Guid id, string? bankName, string? bankAccount, CancellationToken ct)
    {
        var outcome = await subsidies.Open(new OpenAccountCommand(id, bankName, bankAccount), Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(id, ct);
            return Fail(outcome.Failure!);
        }
        Message = $"租赁补贴账户已开立，每月{outcome.Value!.MonthlyYuan}元 (subsidy account opened)";
        return Redirect($"/housing/review/{id}");
    }

    private async Task<IActionResult> Load(Guid id, CancellationToken ct)
    {
        var outcome = await queries.Detail(id, Caller, ct);
        if (!outcome.Succeeded)
            return Fail(outcome.Failure!);
        Detail = outcome.Value;
        var listed = await documents.List(id, Caller, ct);
        Documents = listed.Succeeded ? listed.Value! : [];
        CanUpload = (await access.ActorsOf(Caller, ct)).Any(a => a.Role == ActorRole.StreetReviewer && string.Equals(a.StreetCode, Detail!.Summary.StreetCode, StringComparison.Ordinal));
        return Page();
    }
}
