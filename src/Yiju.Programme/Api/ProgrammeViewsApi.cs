using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Yiju.Kernel;
using Yiju.Kernel.Http;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Evaluation;
using Yiju.Programme.Features.Livability;
using Yiju.Programme.Features.Reports;

namespace Yiju.Programme.Api;

public sealed record SchemeResponse(
    int Version, string Name, string PublishedAt, string PublishedBy, double TargetCompletionWeight, double OnTimeReportingWeight,
    double DataQualityWeight, string ReportingFrom, int GraceWorkingDays, string Formula)
{
    public static SchemeResponse Of(EvaluationScheme s) => new(s.VersionNumber, s.Name, s.PublishedAtUtc.ToString("O", CultureInfo.InvariantCulture), s.PublishedBy,
        s.TargetCompletionWeight, s.OnTimeReportingWeight, s.DataQualityWeight, s.ReportingFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        s.GraceWorkingDays, s.Formula);
}

public sealed record ScoreResponse(
    int Rank, string UnitCode, string UnitName, double Score, double TargetCompletion, double OnTimeReporting, double DataQuality, string Calculation,
    IReadOnlyList<double> Shares, int ReportsDue, int ReportsOnTime, int Submissions, int Returns);

public sealed record RankingResponse(string Quarter, string ReadAt, SchemeResponse Scheme, IReadOnlyList<ScoreResponse> Departments, IReadOnlyList<ScoreResponse> Districts);

public sealed record PublishSchemeRequest(
    string? Name, double? TargetCompletionWeight, double? OnTimeReportingWeight, double? DataQualityWeight, string? ReportingFrom, int? GraceWorkingDays, int? BasedOnVersion);

public sealed record IndexComponentRequest(string? IndicatorCode, double? Weight, string? Normalisation, double? Min, double? Max);

public sealed record PublishIndexRequest(string? Name, IReadOnlyList<IndexComponentRequest>? Components, int? BasedOnVersion);

public sealed record IndexComponentResponse(string IndicatorCode, double Weight, string Direction, string Normalisation, double? Min, double? Max, double? Target, double? Baseline);

public sealed record IndexDefinitionResponse(int Version, string Name, string PublishedAt, string PublishedBy, string Formula, IReadOnlyList<IndexComponentResponse> Components)
{
    public static IndexDefinitionResponse Of(LivabilityIndexDefinition d) => new(d.VersionNumber, d.Name, d.PublishedAtUtc.ToString("O", CultureInfo.InvariantCulture),
        d.PublishedBy, d.Formula, d.Components.OrderBy(c => c.SortOrder).Select(c => new IndexComponentResponse(c.IndicatorCode, c.Weight, c.Direction.ToString(),
            c.Normalisation.ToString(), c.Min, c.Max, c.Target, c.Baseline)).ToList());
}

public sealed record IndexComponentScoreResponse(string IndicatorCode, double Value, double Score, double Weight);

public sealed record IndexValueResponse(string Period, string? DistrictCode, double Index, double Coverage, IReadOnlyList<IndexComponentScoreResponse> Components);

public sealed record LivabilityResponse(IndexDefinitionResponse Definition, string AsOf, IReadOnlyList<IndexValueResponse> City, IReadOnlyList<IndexValueResponse> Districts);

/// <summary>
/// Evaluation, 宜居指数 and the quarterly report under /api/v1/programme. Reading is public, like the pages; publishing
/// weights or an index definition is for coordinators (市发改委) and city administrators, with a token or a session.
/// </summary>
public static class ProgrammeViewsApi
{
    public static void MapProgrammeViewsApi(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);

        group.MapGet("/evaluation", async Task<Results<Ok<RankingResponse>, ProblemHttpResult>> (string? quarter, int? version, ProgrammeEvaluation evaluation, CancellationToken ct) =>
        {
            if (ProgrammeEvaluation.ParseQuarter(quarter, evaluation.Today) is not { } q)
                return Failure.Invalid("quarter", "季度格式应为 2026Q3 (quarter must look like 2026Q3)").ToProblem();
            var outcome = await evaluation.Rank(q, version, ct);
            if (!outcome.Succeeded)
                return outcome.Failure!.ToProblem();
            var r = outcome.Value!;
            return TypedResults.Ok(new RankingResponse(r.Quarter.ToString(), r.ReadAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), SchemeResponse.Of(r.Scheme),
                r.Departments.Select(Score).ToList(), r.Districts.Select(Score).ToList()));
        }).AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetEvaluation")
          .WithSummary("Department and district scores for a quarter (default: the current one) with the weights' version, the formula and every row's inputs.");

        group.MapGet("/evaluation/schemes", async (ProgrammeEvaluation evaluation, CancellationToken ct) =>
            TypedResults.Ok((await evaluation.Schemes(ct)).Select(SchemeResponse.Of).ToList()))
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetEvaluationSchemes").WithSummary("Every published version of the evaluation weights, newest first.");

        group.MapPost("/evaluation/schemes", async Task<Results<Ok<SchemeResponse>, ProblemHttpResult>> (PublishSchemeRequest request, HttpContext http, ProgrammeEvaluation evaluation, CancellationToken ct) =>
        {
            DateOnly? from = null;
            if (!string.IsNullOrWhiteSpace(request.ReportingFrom))
            {
                if (!DateOnly.TryParseExact(request.ReportingFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return Failure.Invalid("ReportingFrom", "日期格式应为 yyyy-MM-dd (reportingFrom must be yyyy-MM-dd)").ToProblem();
                from = d;
            }

            var outcome = await evaluation.Publish(new PublishSchemeCommand(request.Name, request.TargetCompletionWeight, request.OnTimeReportingWeight,
                request.DataQualityWeight, from, request.GraceWorkingDays, request.BasedOnVersion), Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(SchemeResponse.Of(outcome.Value!)) : outcome.Failure!.ToProblem();
        }).RequireAuthorization(Policies.Staff).WithName("PublishEvaluationScheme")
          .WithSummary("Publishes new weights as the next version (earlier versions stay as they were). Coordinators only; send basedOnVersion to get 409 if someone published meanwhile.");

        group.MapGet("/livability", async Task<Results<Ok<LivabilityResponse>, ProblemHttpResult>> (int? version, string? asOf, LivabilityIndexService index, CancellationToken ct) =>
        {
            DateOnly? day = null;
            if (!string.IsNullOrWhiteSpace(asOf))
            {
                if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return Failure.Invalid("asOf", "日期格式应为 yyyy-MM-dd (asOf must be yyyy-MM-dd)").ToProblem();
                day = d;
            }

            var outcome = await index.Compute(version, day, ct);
            if (!outcome.Succeeded)
                return outcome.Failure!.ToProblem();
            var v = outcome.Value!;
            return TypedResults.Ok(new LivabilityResponse(IndexDefinitionResponse.Of(v.Definition), v.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                v.City.Select(Value).ToList(), v.Districts.Select(Value).ToList()));
        }).AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetLivabilityIndex")
          .WithSummary("The 宜居指数 by year for the city and by district, with the definition version used and each component's value and score.");

        group.MapGet("/livability/definitions", async (LivabilityIndexService index, CancellationToken ct) =>
            TypedResults.Ok((await index.Definitions(ct)).Select(IndexDefinitionResponse.Of).ToList()))
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetLivabilityDefinitions").WithSummary("Every published version of the 宜居指数 definition, newest first.");

        group.MapPost("/livability/definitions", async Task<Results<Ok<IndexDefinitionResponse>, ProblemHttpResult>> (PublishIndexRequest request, HttpContext http, LivabilityIndexService index, CancellationToken ct) =>
        {
            var lines = (request.Components ?? []).Select(c => string.Format(CultureInfo.InvariantCulture, "{0} {1} {2}{3}",
                string.IsNullOrWhiteSpace(c.IndicatorCode) ? "?" : c.IndicatorCode.Trim(), c.Weight?.ToString("R", CultureInfo.InvariantCulture) ?? "?",
                string.IsNullOrWhiteSpace(c.Normalisation) ? "?" : c.Normalisation.Trim(),
                c.Min is { } min && c.Max is { } max ? string.Format(CultureInfo.InvariantCulture, " {0:R} {1:R}", min, max) : ""));
            var outcome = await index.Publish(new PublishIndexCommand(request.Name, string.Join("\n", lines), request.BasedOnVersion), Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(IndexDefinitionResponse.Of(outcome.Value!)) : outcome.Failure!.ToProblem();
        }).RequireAuthorization(Policies.Staff).WithName("PublishLivabilityDefinition")
          .WithSummary("Publishes a new 宜居指数 definition as the next version. Components: indicatorCode, weight (all sum to 1), normalisation (target or minmax), optional min and max for minmax. Coordinators only.");

        group.MapGet("/reports/quarterly", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string? quarter, string? home, string? format, QuarterlyReportBuilder builder, CancellationToken ct) =>
        {
            var kind = (format ?? "pdf").Trim().ToLowerInvariant();
            if (kind is not ("pdf" or "xlsx"))
                return Failure.Invalid("format", "格式应为 pdf 或 xlsx (format is pdf or xlsx)").ToProblem();
            var outcome = await builder.Build(quarter, home, ct);
            if (!outcome.Succeeded)
                return outcome.Failure!.ToProblem();
            var report = outcome.Value!;
            if (kind == "xlsx")
                return TypedResults.File(QuarterlyReportWorkbook.Render(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report.FileName + ".xlsx");
            try
            {
                return TypedResults.File(QuarterlyReportPdf.Render(report), "application/pdf", report.FileName + ".pdf");
            }
            catch (PdfFontMissingException e)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "FontMissing");
            }
        }).AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetQuarterlyReport")
          .WithSummary("The quarterly progress report (Chinese) of the programme or one home (home=H4) as PDF or .xlsx; only approved values.");
    }

    private static ScoreResponse Score(EvaluationRow row) => new(row.Score.Rank, row.Score.UnitCode, row.Score.UnitName, row.Score.Score,
        row.Score.TargetCompletion, row.Score.OnTimeReporting, row.Score.DataQuality, row.Score.Calculation,
        row.Input.Shares, row.Input.ReportsDue, row.Input.ReportsOnTime, row.Input.Submissions, row.Input.Returns);

    private static IndexValueResponse Value(IndexValue v) => new(v.Period.ToString(), v.DistrictCode, v.Index, v.Coverage,
        v.Components.Select(c => new IndexComponentScoreResponse(c.IndicatorCode, c.Value, c.Score, c.Weight)).ToList());
}
