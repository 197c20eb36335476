using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Lottery;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Features.Applications;
using Yiju.Housing.Features.Lotteries;
using Yiju.Housing.Features.Stock;
using Yiju.Kernel;
using Yiju.Kernel.Http;
using Yiju.Kernel.Security;

namespace Yiju.Housing.Api;

public sealed record MemberRequest(string? Name, string? IdNumber, string? Relationship, decimal MonthlyIncomeYuan, bool LocalHukou,
    int SocialInsuranceMonths, bool Disabled, bool Veteran);

public sealed record SubmitApplicationRequest(string? Scheme, string? DistrictCode, string? StreetCode, double CurrentHousingAreaM2,
    decimal AssetsYuan, bool SpecialHardship, IReadOnlyList<MemberRequest>? Members);

public sealed record ActionRequest(string? Reason, long? Version);

public sealed record SaveProjectRequest(string? Name, string? DistrictCode, string? Address, string? Scheme, DateOnly RaisedOn);

public sealed record AddFlatRequest(string? Code, double AreaM2, int Rooms, int Floor);

public sealed record IdResponse(Guid Id);

public sealed record VerificationResponse(bool Passed, IReadOnlyList<string> Report, IReadOnlyList<string> FindingCodes);

/// <summary>
/// /api/v1/housing: thin adapters over the same handlers as the pages. Submitting an application, the first notice,
/// lotteries, their files and verification are public (rate-limited); reviewing and running lotteries need the
/// matching role and scope.
/// </summary>
public static class HousingApi
{
    public static void MapHousingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/housing").WithTags("Housing");

        group.MapPost("/applications", async Task<Results<Created<SubmittedApplication>, ProblemHttpResult>> (SubmitApplicationRequest request, ClaimsPrincipal user, SubmitApplication handler, CancellationToken ct) =>
        {
            if (ToCommand(request) is not { } command)
                return Failure.Invalid("scheme", "未知的保障方式或成员关系，应为 PublicRental、AffordableRental、RentalSubsidy；Applicant、Spouse、Child、Parent、Other (unknown scheme or relationship)").ToProblem();
            var outcome = await handler.Handle(command, Caller.From(user), ct);
            return outcome.Succeeded
                ? TypedResults.Created($"/api/v1/housing/applications/{outcome.Value!.Id}", outcome.Value)
                : outcome.Failure!.ToProblem();
        }).AllowAnonymous().RequireRateLimiting("anonymous").WithName("SubmitHousingApplication")
          .WithSummary("A household applies: online (anonymous resident) or at the street office (street staff). Every problem comes back as a 400 with its code.");

        group.MapGet("/applications", async Task<Results<Ok<List<QueueItem>>, ProblemHttpResult>> (string? status, ClaimsPrincipal user, ApplicationQueries queries, CancellationToken ct) =>
        {
            ApplicationStatus? parsed = null;
            if (!string.IsNullOrEmpty(status))
            {
                if (!Enum.TryParse<ApplicationStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s) || int.TryParse(status, out _))
                    return Failure.Invalid("status", $"未知状态 '{status}' (unknown status)").ToProblem();
                parsed = s;
            }
            var outcome = await queries.Queue(Caller.From(user), parsed, ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("ListHousingApplications").WithSummary("Applications in the caller's street, district or (bureau) the whole city; those waiting on the caller first.");

        group.MapGet("/applications/{id:guid}", async Task<Results<Ok<ApplicationDetail>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, ApplicationQueries queries, CancellationToken ct) =>
        {
            var outcome = await queries.Detail(id, Caller.From(user), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("GetHousingApplication").WithSummary("One application (ID numbers masked), its history, objections and the steps the caller may take.");

        group.MapPost("/applications/{id:guid}/actions/{action}", async Task<Results<Ok<ActionResult>, ProblemHttpResult>> (Guid id, string action, ActionRequest? request, ClaimsPrincipal user, ActOnApplication handler, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ProcedureAction>(action, ignoreCase: true, out var a) || !Enum.IsDefined(a) || int.TryParse(action, out _))
                return Failure.Invalid("action", $"未知步骤 '{action}' (unknown action)").ToProblem();
            var outcome = await handler.Handle(id, a, request?.Reason, request?.Version, Caller.From(user), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("ActOnHousingApplication")
          .WithSummary("StreetApprove, StreetReturn, DistrictApprove, DistrictReturn, CloseResultNotice, SignContract, MoveIn, PassAnnualReview, ExitOnAnnualReview (returns and exits need a reason). 403 outside the caller's scope.");

        group.MapPost("/applications/{id:guid}/documents", async Task<Results<Created<DocumentView>, ProblemHttpResult>> (Guid id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? kind, ClaimsPrincipal user, ApplicationDocuments documents, CancellationToken ct) =>
        {
            var read = await ReadDocument(file, kind, ct);
            if (!read.Succeeded)
                return read.Failure!.ToProblem();
            var outcome = await documents.Upload(id, read.Value!, Caller.From(user), ct);
            return outcome.Succeeded
                ? TypedResults.Created($"/api/v1/housing/applications/{id}/documents/{outcome.Value!.Id}", outcome.Value)
                : outcome.Failure!.ToProblem();
        }).DisableAntiforgery().WithName("UploadHousingDocument")
          .WithSummary("Multipart form: 'file' (PDF, JPEG or PNG by content, at most 10 MB) and optional 'kind'. Street staff of the application's street; 400 for another type or size, 403 outside the street.");

        group.MapGet("/applications/{id:guid}/documents", async Task<Results<Ok<List<DocumentView>>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, ApplicationDocuments documents, CancellationToken ct) =>
        {
            var outcome = await documents.List(id, Caller.From(user), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("ListHousingDocuments").WithSummary("The application's documents with size and SHA-256; whoever may see the application.");

        group.MapGet("/applications/{id:guid}/documents/{documentId:guid}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, Guid documentId, ClaimsPrincipal user, ApplicationDocuments documents, CancellationToken ct) =>
        {
            var outcome = await documents.Download(id, documentId, Caller.From(user), ct);
            return outcome.Succeeded
                ? TypedResults.File(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName)
                : outcome.Failure!.ToProblem();
        }).WithName("DownloadHousingDocument").WithSummary("One document's bytes, as an attachment; whoever may see the application.");

        group.MapPost("/notices/{action}", async Task<Results<Ok<BatchResult>, ProblemHttpResult>> (string action, ClaimsPrincipal user, NoticeBatch handler, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ProcedureAction>(action, ignoreCase: true, out var a) || int.TryParse(action, out _))
                return Failure.Invalid("action", $"未知步骤 '{action}' (unknown action)").ToProblem();
            var outcome = await handler.Handle(a, Caller.From(user), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("HousingNoticeBatch").WithSummary("The bureau opens the first notice for every registered household (OpenFirstNotice), or closes the first or result notice (CloseFirstNotice, CloseResultNotice).");

        group.MapGet("/notices/first", async (ApplicationQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.FirstNotice(ct)))
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("HousingFirstNotice").WithSummary("资格公示: masked names and ID numbers only.");

        group.MapGet("/projects", async (StockHandlers stock, CancellationToken ct) => TypedResults.Ok(await stock.Projects(ct)))
            .WithName("ListHousingProjects").WithSummary("Housing projects with their flat counts.");

        group.MapPost("/projects", async Task<Results<Created<IdResponse>, ProblemHttpResult>> (SaveProjectRequest request, ClaimsPrincipal user, StockHandlers stock, CancellationToken ct) =>
        {
            if (!Enum.TryParse<SchemeKind>(request.Scheme, ignoreCase: true, out var scheme) || !Enum.IsDefined(scheme) || int.TryParse(request.Scheme, out _))
                return Failure.Invalid("scheme", "未知的保障方式 (unknown scheme)").ToProblem();
            var outcome = await stock.SaveProject(new SaveProjectCommand(request.Name, request.DistrictCode, request.Address, scheme, request.RaisedOn), Caller.From(user), ct);
            return outcome.Succeeded ? TypedResults.Created($"/api/v1/housing/projects/{outcome.Value}", new IdResponse(outcome.Value)) : outcome.Failure!.ToProblem();
        }).WithName("CreateHousingProject").WithSummary("Register a project (bureau).");

        group.MapPost("/projects/{id:guid}/flats", async Task<Results<Created<IdResponse>, ProblemHttpResult>> (Guid id, AddFlatRequest request, ClaimsPrincipal user, StockHandlers stock, CancellationToken ct) =>
        {
            var outcome = await stock.AddFlat(new AddFlatCommand(id, request.Code, request.AreaM2, request.Rooms, request.Floor), Caller.From(user), ct);
            return outcome.Succeeded ? TypedResults.Created($"/api/v1/housing/projects/{id}", new IdResponse(outcome.Value)) : outcome.Failure!.ToProblem();
        }).WithName("AddHousingFlat").WithSummary("Add a vacant flat to a project (bureau).");

        group.MapPost("/lotteries", async Task<Results<Created<LotteryView>, ProblemHttpResult>> (PrepareLotteryCommand request, ClaimsPrincipal user, LotteryHandlers handler, CancellationToken ct) =>
        {
            var outcome = await handler.Prepare(request, Caller.From(user), ct);
            return outcome.Succeeded ? TypedResults.Created($"/api/v1/housing/lotteries/{outcome.Value!.Id}", outcome.Value) : outcome.Failure!.ToProblem();
        }).WithName("PrepareHousingLottery").WithSummary("Freeze the entrants of a project's scheme and district, publish the hashes and the operator's commitment (bureau).");

        group.MapPost("/lotteries/{id:guid}/draw", async Task<Results<Ok<LotteryView>, ProblemHttpResult>> (Guid id, DrawLotteryCommand request, ClaimsPrincipal user, LotteryHandlers handler, CancellationToken ct) =>
        {
            var outcome = await handler.Draw(id, request, Caller.From(user), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("DrawHousingLottery").WithSummary("Enter the public random value and reveal the secret; the result notice opens (bureau).");

        group.MapGet("/lotteries", async (LotteryHandlers handler, CancellationToken ct) => TypedResults.Ok(await handler.List(ct)))
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("ListHousingLotteries").WithSummary("Lotteries with their published hashes.");

        group.MapGet("/lotteries/{id:guid}", async Task<Results<Ok<LotteryView>, NotFound>> (Guid id, LotteryHandlers handler, CancellationToken ct) =>
            await handler.Get(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetHousingLottery");

        group.MapGet("/lotteries/{id:guid}/results", async (Guid id, LotteryHandlers handler, CancellationToken ct) => TypedResults.Ok(await handler.Results(id, ct)))
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("HousingLotteryResults").WithSummary("结果公示: rank, tier and flat, masked.");

        group.MapGet("/lotteries/{id:guid}/files.zip", async Task<Results<FileContentHttpResult, NotFound>> (Guid id, LotteryHandlers handler, CancellationToken ct) =>
            await handler.Files(id, ct) is { } f
                ? TypedResults.File(LotteryHandlers.Zip(f.Number, f.Files), "application/zip", $"{f.Number}.zip")
                : TypedResults.NotFound())
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("DownloadHousingLottery").WithSummary("The published folder as a .zip, for `yiju housing lottery verify`.");

        group.MapPost("/lotteries/verify", async Task<Results<Ok<VerificationResponse>, ProblemHttpResult>> (IFormFileCollection files, CancellationToken ct) =>
        {
            var read = await ReadFiles(files, ct);
            if (!read.Succeeded)
                return read.Failure!.ToProblem();
            var report = LotteryVerifier.Verify(read.Value!);
            return TypedResults.Ok(new VerificationResponse(report.Passed, report.Describe(), report.Findings.Select(f => f.Code).ToList()));
        }).AllowAnonymous().RequireRateLimiting("anonymous").DisableAntiforgery().WithName("VerifyHousingLottery")
          .WithSummary("Upload the published files (or their .zip) as multipart form data; the verifier re-runs the draw and reports.");
    }

    public static async Task<Outcome<Dictionary<string, byte[]>>> ReadFiles(IEnumerable<IFormFile> files, CancellationToken ct)
    {
        var uploads = new List<(string, byte[])>();
        long total = 0;
        foreach (var f in files)
        {
            total += f.Length;
            if (total > LotteryHandlers.MaxUploadBytes)
                return Failure.Invalid("files", "上传文件超过64MB (upload larger than 64 MB)");
            using var ms = new MemoryStream();
            await f.CopyToAsync(ms, ct);
            uploads.Add((f.FileName, ms.ToArray()));
        }
        return LotteryHandlers.ReadUpload(uploads);
    }

    /// <summary>One uploaded file into memory, refused before reading when it is empty or over the domain's 10 MB.</summary>
    public static async Task<Outcome<DocumentUpload>> ReadDocument(IFormFile? file, string? kind, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return Failure.Invalid("document_size_invalid", "请选择要上传的材料文件 (no file)");
        if (file.Length > ApplicationDocument.MaxSizeBytes)
            return Failure.Invalid("document_size_invalid", $"{ApplicationDocument.CleanFileName(file.FileName)}：材料文件不能超过10MB (larger than 10 MB)");
        using var ms = new MemoryStream((int)file.Length);
        await file.CopyToAsync(ms, ct);
        return new DocumentUpload(kind, file.FileName, ms.ToArray());
    }

    private static SubmitApplicationCommand? ToCommand(SubmitApplicationRequest r)
    {
        if (!Enum.TryParse<SchemeKind>(r.Scheme, ignoreCase: true, out var scheme) || !Enum.IsDefined(scheme) || int.TryParse(r.Scheme, out _))
            return null;
        var members = new List<MemberInput>();
        foreach (var m in r.Members ?? [])
        {
            if (!Enum.TryParse<Domain.Applications.Relationship>(m.Relationship, ignoreCase: true, out var rel) || !Enum.IsDefined(rel) || int.TryParse(m.Relationship, out _))
                return null;
            members.Add(new MemberInput(m.Name, m.IdNumber, rel, m.MonthlyIncomeYuan, m.LocalHukou, m.SocialInsuranceMonths, m.Disabled, m.Veteran));
        }
        return new SubmitApplicationCommand(scheme, r.DistrictCode, r.StreetCode, r.CurrentHousingAreaM2, r.AssetsYuan, r.SpecialHardship, members);
    }
}
