using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Yiju.Kernel;
using Yiju.Kernel.Http;
using Yiju.Places.Domain;
using Yiju.Places.Features;

namespace Yiju.Places.Api;

public sealed record FacilityTypeResponse(string Code, string Name, string? NameEn, int LifeCircleMinutes, double WalkingDistance, string TargetGroup, string CapacityUnit, string Clause, bool ClauseChecked);

public sealed record AddFacilityRequest(string? TypeCode, string? Name, double? Latitude, double? Longitude, double? Capacity);

public sealed record RunRequest(int? Sites, double? MaxSnapDistance);

public sealed record CoverageResponse(string TypeCode, string AreaLevel, string AreaCode, string AreaName, double Population, double Covered, double CoveragePercent, double Access2Sfca, double AccessDecay);

/// <summary>
/// /api/v1/places: facilities, the walking network, analysis runs and the resident's "within 5/10/15 minutes" query.
/// Reading is public (facility locations and coverage are public information); importing and running are for planners.
/// </summary>
public static class PlacesApi
{
    public const long MaxUploadBytes = ImportNetwork.MaxBytes;

    public static void MapPlacesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/places").WithTags("Places");

        group.MapGet("/types", async (FacilityHandlers handlers, CancellationToken ct) =>
                TypedResults.Ok((await handlers.Types(ct)).Select(t => new FacilityTypeResponse(t.Code, t.Name, t.NameEn, (int)t.Level, t.WalkingDistance,
                    t.TargetGroup.ToString(), t.CapacityUnit.ToString(), t.Clause, t.ClauseChecked)).ToList()))
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("ListFacilityTypes")
            .WithSummary("Facility types with their life circle, standard walking distance (m) and the GB 50180-2018 clause.");

        group.MapGet("/facilities", async (string? type, FacilityHandlers handlers, CancellationToken ct) =>
                TypedResults.Content(FacilitiesGeoJson(await handlers.List(type, ct)), "application/geo+json"))
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("ListFacilities").WithSummary("Facilities as a GeoJSON FeatureCollection, optionally of one type.");

        group.MapPost("/facilities", async Task<Results<Created<FacilityView>, ProblemHttpResult>> (AddFacilityRequest request, FacilityHandlers handlers, CancellationToken ct) =>
            {
                if (request.Latitude is not { } lat || request.Longitude is not { } lon)
                    return Failure.Invalid("latitude", "坐标必填 (coordinates required)").ToProblem();
                var outcome = await handlers.Add(request.TypeCode ?? "", request.Name, lat, lon, request.Capacity, ct);
                return outcome.Failure is { } f ? f.ToProblem() : TypedResults.Created($"/api/v1/places/facilities/{outcome.Value!.Id}", outcome.Value);
            })
            .RequireAuthorization(PlacesPolicies.Planner).WithName("AddFacility").WithSummary("Add one facility (planners).");

        group.MapPost("/facilities/import", async Task<Results<Ok<FacilityImportResult>, ProblemHttpResult>> (IFormFile file, FacilityHandlers handlers, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                var format = file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "geojson";
                var outcome = await handlers.Import(stream, format, ct);
                return outcome.Failure is { } f ? f.ToProblem() : TypedResults.Ok(outcome.Value!);
            })
            .RequireAuthorization(PlacesPolicies.Planner).DisableAntiforgery().WithName("ImportFacilities")
            .WithSummary("Import facilities from GeoJSON or CSV (type_code,name,lat,lon[,capacity]); any bad row refuses the whole file.");

        group.MapPost("/network", async Task<Results<Ok<NetworkImportResult>, ProblemHttpResult>> (IFormFile file, HttpContext http, ImportNetwork import, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                var outcome = await import.Import(stream, file.FileName, http.User.Identity?.Name ?? "api", null, ct);
                return outcome.Failure is { } f ? f.ToProblem() : TypedResults.Ok(outcome.Value!);
            })
            .RequireAuthorization(PlacesPolicies.Planner).DisableAntiforgery().WithName("ImportNetwork")
            .WithSummary("Import an OSM PBF or XML file as the walking network; replaces the OSM population estimate. A bad file changes nothing.");

        group.MapPost("/population/import", async Task<Results<Ok<PopulationImportResult>, ProblemHttpResult>> (IFormFile file, ImportPopulation import, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                var outcome = await import.Import(stream, file.FileName, ct);
                return outcome.Failure is { } f ? f.ToProblem() : TypedResults.Ok(outcome.Value!);
            })
            .RequireAuthorization(PlacesPolicies.Planner).DisableAntiforgery().WithName("ImportPopulation")
            .WithSummary("Load census population from CSV (lat,lon,total,age_0_3,age_3_6,age_6_12,age_12_15,age_65_plus); replaces earlier census units; analyses then use it instead of the OSM estimate.");

        group.MapGet("/facilities/{id:long}/catchment", async Task<Results<ContentHttpResult, ProblemHttpResult>> (long id, PlacesQueries queries, CancellationToken ct) =>
            {
                var outcome = await queries.Catchment(id, ct);
                return outcome.Failure is { } f ? f.ToProblem() : TypedResults.Content(outcome.Value!, "application/geo+json");
            })
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("FacilityCatchment")
            .WithSummary("The walking catchment of a facility at its type's standard distance (GeoJSON Feature).");

        group.MapGet("/within", async Task<Results<Ok<WithinResult>, ProblemHttpResult>> (double lat, double lon, PlacesQueries queries, CancellationToken ct) =>
            {
                var outcome = await queries.Within(lat, lon, ct);
                return outcome.Failure is { } f ? f.ToProblem() : TypedResults.Ok(outcome.Value!);
            })
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("WithinMinutes")
            .WithSummary("Facilities within 5, 10 and 15 minutes' walk (300, 500, 1000 m on the network) of a WGS84 point, with the three outlines.");

        group.MapGet("/runs", async (PlacesQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.Runs(ct)))
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("ListRuns").WithSummary("The latest 50 analysis runs.");

        group.MapGet("/runs/{id}", async Task<Results<Ok<RunDetail>, ProblemHttpResult>> (string id, PlacesQueries queries, CancellationToken ct) =>
            {
                var runId = ParseRunId(id, out var bad);
                if (bad is not null)
                    return bad.ToProblem();
                var detail = await queries.Run(runId, ct);
                return detail is null ? Failure.NotFound("没有该分析 (no such run)").ToProblem() : TypedResults.Ok(detail);
            })
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetRun")
            .WithSummary("One run (or \"latest\"): inputs, parameters, gaps, suggested sites, 2SFCA supply ratios, flagged facilities.");

        group.MapGet("/runs/{id}/coverage", async Task<Results<Ok<List<CoverageResponse>>, ProblemHttpResult>> (string id, string? type, string? level, PlacesQueries queries, CancellationToken ct) =>
            {
                var runId = ParseRunId(id, out var bad);
                if (bad is not null)
                    return bad.ToProblem();
                var detail = await queries.Run(runId, ct);
                if (detail is null)
                    return Failure.NotFound("没有该分析 (no such run)").ToProblem();
                var rows = await queries.Coverage(detail.Run.Id, type, level, ct);
                return TypedResults.Ok(rows.Select(r => new CoverageResponse(r.FacilityTypeCode, r.AreaLevel, r.AreaCode, r.AreaName, r.Population, r.Covered, r.CoveragePercent, r.Access2Sfca, r.AccessDecay)).ToList());
            })
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetCoverage").WithSummary("Coverage rows of a run by type and level (city, district, street).");

        group.MapPost("/runs", async Task<Results<Created<RunSummary>, ProblemHttpResult>> (RunRequest request, HttpContext http, RunAnalysis handler, CancellationToken ct) =>
            {
                var parameters = new AnalysisParameters(request.MaxSnapDistance ?? 200, request.Sites ?? 3);
                var outcome = await handler.Run(parameters, http.User.Identity?.Name ?? "api", null, ct);
                return outcome.Failure is { } f ? f.ToProblem() : TypedResults.Created($"/api/v1/places/runs/{outcome.Value!.Id}", outcome.Value);
            })
            .RequireAuthorization(PlacesPolicies.Planner).WithName("RunAnalysis").WithSummary("Run and save the life-circle analysis (planners).");
    }

    private static long? ParseRunId(string id, out Failure? failure)
    {
        failure = null;
        if (id == "latest")
            return null;
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return n;
        failure = Failure.Invalid("id", "运行编号应为数字或 latest (run id must be a number or \"latest\")");
        return null;
    }

    public static string FacilitiesGeoJson(IEnumerable<FacilityView> facilities)
    {
        var sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        var first = true;
        foreach (var f in facilities)
        {
            if (!first)
                sb.Append(',');
            first = false;
            sb.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{f.Longitude.ToString("R", CultureInfo.InvariantCulture)},{f.Latitude.ToString("R", CultureInfo.InvariantCulture)}]}},\"properties\":{{\"id\":{f.Id},\"type\":")
              .Append(System.Text.Json.JsonSerializer.Serialize(f.TypeCode)).Append(",\"name\":").Append(System.Text.Json.JsonSerializer.Serialize(f.Name))
              .Append(",\"source\":").Append(System.Text.Json.JsonSerializer.Serialize(f.Source)).Append("}}");
        }

        return sb.Append("]}").ToString();
    }
}
