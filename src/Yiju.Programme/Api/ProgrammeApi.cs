using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Yiju.Kernel;
using Yiju.Kernel.Http;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;
using Yiju.Programme.Features;
using Yiju.Programme.Features.Export;
using Yiju.Programme.Features.Import;
using Yiju.Programme.Features.Queries;
using Yiju.Programme.Features.Reporting;

namespace Yiju.Programme.Api;

public sealed record SourceResponse(string Document, string Quote);

public sealed record StatusCountsResponse(int Met, int OnTrack, int AtRisk, int Lagging, int NotAssessable);

public sealed record AssessmentResponse(
    string Status, double? Actual, double Target, double? Baseline, double? ShareOfTarget, double? TimeElapsed, string? AssessedAt,
    string Formula, IReadOnlyList<string> MissingPeriods);

public sealed record IndicatorNodeResponse(string Code, string Name, string Unit, string Status, AssessmentResponse? Assessment);

public sealed record TaskNodeResponse(string Code, string Name, string? LeadDepartment, IReadOnlyList<string> SupportingDepartments, string Status, IReadOnlyList<IndicatorNodeResponse> Indicators);

public sealed record GoalNodeResponse(string Code, string Name, IReadOnlyList<TaskNodeResponse> Tasks);

public sealed record HomeNodeResponse(string Code, string Name, StatusCountsResponse TaskCounts, IReadOnlyList<GoalNodeResponse> Goals);

public sealed record ProgrammeResponse(string Code, string Name, int StartYear, int EndYear, string AsOf, IReadOnlyList<HomeNodeResponse> Homes);

public sealed record BaselineResponse(double Value, int? Year, SourceResponse Source, string? ComparabilityNote);

public sealed record TargetResponse(
    string Kind, int? FromYear, int? DeadlineYear, bool RepeatsEachYear, double Value, string? DistrictCode, string Scope, bool AppliesToEachUnit,
    string PeriodLabel, SourceResponse Source, string? ComparabilityNote, bool Governing, AssessmentResponse? Assessment);

public sealed record ValueResponse(
    Guid Id, string Period, string? PeriodLabel, string? ObservedThrough, string? DistrictCode, double Value, double? Numerator, double? Denominator,
    string Status, int Revision, bool Current, SourceResponse Source, string? ComparabilityNote, string? Explanation, long Version);

public sealed record ProjectionResponse(double Value, string TargetDate, double SlopePerYear, string Method);

public sealed record IndicatorResponse(
    string Code, string Name, string Unit, string Direction, string Kind, string Frequency, string Rollup, string Accumulation,
    bool HasDistrictBreakdown, string Scope, string HomeCode, string GoalCode, string TaskCode, string TaskName, string? LeadDepartment,
    BaselineResponse? Baseline, IReadOnlyList<TargetResponse> Targets, IReadOnlyList<ValueResponse> Values, ProjectionResponse? Projection, string AsOf);

public sealed record ReportValueRequest(
    string? Period, string? DistrictCode, double? Value, double? Numerator, double? Denominator, string? Explanation, string? Source, long? Version, bool Submit);

public sealed record ReviewRequest(bool Approve, string? Reason, long Version);

public sealed record TakeFedFigureRequest(string? Feed, string? Period, string? DistrictCode, string? Explanation);

public sealed record ReportedValueResponse(
    Guid Id, string IndicatorCode, string Period, string? DistrictCode, double Value, double? Numerator, double? Denominator,
    string Status, int Revision, long Version, string? ReturnReason)
{
    public static ReportedValueResponse Of(ReportedValueSummary s) =>
        new(s.Id, s.IndicatorCode, s.Period, s.DistrictCode, s.Value, s.Numerator, s.Denominator, s.Status.ToString(), s.Revision, s.Version, s.ReturnReason);
}

/// <summary>
/// /api/v1/programme: the programme and its progress are public (residents may follow it); reporting is for the lead
/// department's staff and review for coordinators, both with a personal access token or a signed-in session.
/// </summary>
public static class ProgrammeApi
{
    public static void MapProgrammeApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/programme").WithTags("Programme");
        group.MapProgrammeViewsApi();

        group.MapGet("", async Task<Results<Ok<ProgrammeResponse>, ProblemHttpResult>> (string? asOf, ProgrammeQueries queries, CancellationToken ct) =>
        {
            if (!TryDate(asOf, out var day))
                return Failure.Invalid("asOf", "日期格式应为 yyyy-MM-dd (asOf must be yyyy-MM-dd)").ToProblem();
            var overview = await queries.Overview(day, ct);
            return overview is null ? Failure.NotFound("规划尚未导入 (no programme yet)").ToProblem() : TypedResults.Ok(ToResponse(overview));
        }).AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetProgramme")
          .WithSummary("The tree home → goal → task → indicator with each one's status against 序时进度 at asOf (default today, Asia/Shanghai).");

        group.MapGet("/indicators/{code}", async Task<Results<Ok<IndicatorResponse>, ProblemHttpResult>> (string code, string? asOf, ProgrammeQueries queries, CancellationToken ct) =>
        {
            if (!TryDate(asOf, out var day))
                return Failure.Invalid("asOf", "日期格式应为 yyyy-MM-dd (asOf must be yyyy-MM-dd)").ToProblem();
            var view = await queries.Indicator(code, day, includePending: false, ct);
            return view is null ? Failure.NotFound($"指标 {code} 不存在 (unknown indicator)").ToProblem() : TypedResults.Ok(ToResponse(view));
        }).AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetIndicator")
          .WithSummary("An indicator's definition, targets with their assessment, approved values with their source quotes and notes, and the projection.");

        group.MapPost("/indicators/{code}/values", async Task<Results<Ok<ReportedValueResponse>, ProblemHttpResult>> (string code, ReportValueRequest request, HttpContext http, ReportValue handler, CancellationToken ct) =>
        {
            if (request.Value is not { } value)
                return Failure.Invalid("Value", "请填写数值 (value required)").ToProblem();
            var outcome = await handler.Handle(new ReportValueCommand(code, request.Period ?? "", request.DistrictCode, value, request.Numerator, request.Denominator,
                request.Explanation, request.Source, request.Version, request.Submit), Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(ReportedValueResponse.Of(outcome.Value!)) : outcome.Failure!.ToProblem();
        }).RequireAuthorization(Policies.Staff).WithName("ReportIndicatorValue")
          .WithSummary("Enters (and with submit=true submits) a value for a period and optional district. Send the version you read (none for a new value): 409 if it changed. Revising an approved value needs an explanation.");

        group.MapPost("/indicators/{code}/values/from-feed", async Task<Results<Created<ReportedValueResponse>, ProblemHttpResult>> (string code, TakeFedFigureRequest request, HttpContext http, Features.Feeds.TakeFedFigure handler, CancellationToken ct) =>
        {
            var outcome = await handler.Handle(new Features.Feeds.TakeFedFigureCommand(code, request.Feed, request.Period, request.DistrictCode, request.Explanation), Caller.From(http.User), ct);
            return outcome.Succeeded
                ? TypedResults.Created($"/api/v1/programme/indicators/{Uri.EscapeDataString(outcome.Value!.IndicatorCode)}", ReportedValueResponse.Of(outcome.Value!))
                : outcome.Failure!.ToProblem();
        }).RequireAuthorization(Policies.Staff).WithName("TakeFedFigure")
          .WithSummary("Takes the figure a feed (another module, e.g. housing) publishes for this indicator, period and district in as a draft, with the feed as its source; submit it through /values as usual. The figure is read from the feed, not the request. 400 unknown feed, period or district, no such figure, or a change needing an explanation; 403 not the line's reporter; 409 if the period already has a value (revise it instead).");

        group.MapPost("/values/{id:guid}/review", async Task<Results<Ok<ReportedValueResponse>, ProblemHttpResult>> (Guid id, ReviewRequest request, HttpContext http, ReviewValue handler, CancellationToken ct) =>
        {
            var outcome = await handler.Handle(new ReviewValueCommand(id, request.Approve, request.Reason, request.Version), Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(ReportedValueResponse.Of(outcome.Value!)) : outcome.Failure!.ToProblem();
        }).RequireAuthorization(Policies.Staff).WithName("ReviewIndicatorValue")
          .WithSummary("Approves or returns (reason required) a submitted value. Coordinators only; not one's own report; 409 if the version moved.");

        MapProgrammeDataApi(group);
    }

    /// <summary>Bulk import, evidence files and search.</summary>
    public static void MapProgrammeDataApi(RouteGroupBuilder group)
    {
        group.MapPost("/imports", async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> (IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] bool? submit, HttpContext http, ImportValues import, CancellationToken ct) =>
        {
            if (file is null || file.Length == 0)
                return Failure.Invalid("file", "请上传 .xlsx 或 .csv 文件 (multipart field 'file' required)").ToProblem();
            if (file.Length > ValueImportRules.MaxFileBytes)
                return Failure.Invalid("file", "文件过大 (file too large)").ToProblem();
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var outcome = await import.Handle(new ImportCommand(file.FileName, buffer.ToArray(), submit ?? true), Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).RequireAuthorization(Policies.Staff).DisableAntiforgery()
          .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ValueImportRules.MaxFileBytes + (1024 * 1024)))
          .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = ValueImportRules.MaxFileBytes + (1024 * 1024) })
          .WithName("ImportIndicatorValues")
          .WithSummary("Imports values from an .xlsx or .csv file (multipart field 'file'; 'submit' default true). All or nothing: 400 lists every bad row under errors[\"row N\"]. Department staff import the indicators their department leads; district staff their district's breakdown.");

        group.MapGet("/imports/template", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string? format, HttpContext http, ImportValues import, CancellationToken ct) =>
        {
            var f = TableExport.Format(format ?? "xlsx");
            if (f is null)
                return Failure.Invalid("format", "格式应为 xlsx 或 csv (format must be xlsx or csv)").ToProblem();
            var outcome = await import.Template(f, Caller.From(http.User), ct);
            return TypedResults.File(outcome.Value.Content, outcome.Value.ContentType, outcome.Value.FileName);
        }).RequireAuthorization(Policies.Staff).WithName("ImportTemplate")
          .WithSummary("The import template with the documented columns, prefilled with the indicators the caller reports.");

        group.MapPost("/values/{id:guid}/evidence", async Task<Results<Created<EvidenceView>, ProblemHttpResult>> (Guid id, IFormFile? file, HttpContext http, Evidence evidence, CancellationToken ct) =>
        {
            if (file is null || file.Length == 0)
                return Failure.Invalid("file", "请上传佐证材料 (multipart field 'file' required)").ToProblem();
            if (file.Length > ValueEvidence.MaxSizeBytes)
                return Failure.Invalid("file", $"{EvidenceFiles.CleanFileName(file.FileName)}：佐证材料不能超过10MB (larger than 10 MB)").ToProblem();
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var outcome = await evidence.Upload(id, file.FileName, buffer.ToArray(), Caller.From(http.User), ct);
            return outcome.Succeeded
                ? TypedResults.Created($"/api/v1/programme/values/{id}/evidence/{outcome.Value!.Id}", outcome.Value)
                : outcome.Failure!.ToProblem();
        }).RequireAuthorization(Policies.Staff).DisableAntiforgery()
          .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = ValueEvidence.MaxSizeBytes + (1024 * 1024) })
          .WithName("UploadValueEvidence")
          .WithSummary("Attaches an evidence file (pdf, jpg, png, xlsx, docx; ≤ 10 MB; type judged by content) to a draft or returned value the caller reports.");

        group.MapGet("/values/{id:guid}/evidence", async Task<Results<Ok<IReadOnlyList<EvidenceView>>, ProblemHttpResult>> (Guid id, HttpContext http, Evidence evidence, CancellationToken ct) =>
        {
            var outcome = await evidence.List(id, Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).RequireAuthorization(Policies.Staff).WithName("ListValueEvidence")
          .WithSummary("A value's evidence files with size and SHA-256: the lead department, the value's district staff and coordinators.");

        group.MapGet("/values/{id:guid}/evidence/{evidenceId:guid}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, Guid evidenceId, HttpContext http, Evidence evidence, CancellationToken ct) =>
        {
            var outcome = await evidence.Download(id, evidenceId, Caller.From(http.User), ct);
            return outcome.Succeeded
                ? TypedResults.File(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName)
                : outcome.Failure!.ToProblem();
        }).RequireAuthorization(Policies.Staff).WithName("DownloadValueEvidence")
          .WithSummary("One evidence file, as an attachment; authorised like the value in progress.");

        group.MapGet("/search", async Task<Results<Ok<IReadOnlyList<SearchHit>>, ProblemHttpResult>> (string? q, ProgrammeQueries queries, CancellationToken ct) =>
        {
            var programme = await queries.LoadTree(ct);
            return programme is null ? Failure.NotFound("规划尚未导入 (no programme yet)").ToProblem() : TypedResults.Ok(ProgrammeSearch.Find(programme, q is { Length: > 100 } ? q[..100] : q));
        }).AllowAnonymous().RequireRateLimiting("anonymous").WithName("SearchProgramme")
          .WithSummary("Homes, goals, tasks, indicators and departments whose code or name contains q.");
    }

    private static bool TryDate(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
            return false;
        day = d;
        return true;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static ProgrammeResponse ToResponse(OverviewView overview) => new(
        overview.Programme.Code, overview.Programme.Name, overview.Programme.StartYear, overview.Programme.EndYear, Day(overview.AsOf),
        overview.Homes.Select(h => new HomeNodeResponse(h.Home.Code, h.Home.Name, Counts(h.TaskCounts),
            h.Home.Goals.OrderBy(g => g.SortOrder).Select(g => new GoalNodeResponse(g.Code, g.Name,
                h.Tasks.Where(t => t.Task.GoalId == g.Id).Select(t => new TaskNodeResponse(t.Task.Code, t.Task.Name, t.Task.LeadDepartment,
                    t.Task.SupportingDepartments, t.Status.ToString(),
                    t.Indicators.Select(i => new IndicatorNodeResponse(i.Indicator.Code, i.Indicator.Name, i.Indicator.Unit, i.Status.ToString(),
                        i.Assessment is null ? null : ToResponse(i.Assessment))).ToList())).ToList())).ToList())).ToList());

    private static StatusCountsResponse Counts(IReadOnlyDictionary<ProgressStatus, int> c) =>
        new(c[ProgressStatus.Met], c[ProgressStatus.OnTrack], c[ProgressStatus.AtRisk], c[ProgressStatus.Lagging], c[ProgressStatus.NotAssessable]);

    private static AssessmentResponse ToResponse(ProgressAssessment a) => new(
        a.Status.ToString(), a.Actual, a.TargetValue, a.Baseline, a.ShareOfTarget, a.TimeElapsed, a.AssessedAt is { } d ? Day(d) : null,
        a.Formula, a.MissingPeriods.Select(p => p.ToString()).ToList());

    private static SourceResponse ToResponse(SourceReference s) => new(s.Document, s.Quote);

    private static IndicatorResponse ToResponse(IndicatorView v)
    {
        var i = v.Indicator;
        return new IndicatorResponse(i.Code, i.Name, i.Unit, i.Direction.ToString(), i.Kind.ToString(), i.Frequency.ToString(), i.Rollup.ToString(),
            i.Accumulation.ToString(), i.HasDistrictBreakdown, i.Scope, v.Home.Code, v.Goal.Code, v.Task.Code, v.Task.Name, v.Task.LeadDepartment,
            i.Baseline is { } b ? new BaselineResponse(b.Value, b.Year, ToResponse(b.Source), b.ComparabilityNote) : null,
            v.Targets.Select(t => new TargetResponse(t.Target.Kind.ToString(), t.Target.FromYear, t.Target.DeadlineYear, t.Target.RepeatsEachYear,
                t.Target.Value, t.Target.DistrictCode, t.Target.Scope, t.Target.AppliesToEachUnit, t.Target.PeriodLabel, ToResponse(t.Target.Source),
                t.Target.ComparabilityNote, t.IsGoverning, t.Assessment is null ? null : ToResponse(t.Assessment))).ToList(),
            v.Approved.Select(x => new ValueResponse(x.Id, x.Period.ToString(), x.PeriodLabel, x.ObservedThrough is { } o ? Day(o) : null, x.DistrictCode,
                x.Value, x.Numerator, x.Denominator, x.Status.ToString(), x.Revision, x.IsCurrent, ToResponse(x.Source), x.ComparabilityNote,
                x.Explanation, x.Version)).ToList(),
            v.Projection is { } p ? new ProjectionResponse(p.Value, Day(p.TargetDate), p.SlopePerYear, p.Method) : null,
            Day(v.AsOf));
    }
}
