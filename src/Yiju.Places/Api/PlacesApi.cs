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

public sealed record FacilityTypeResponse(string Code, string Name, string? NameEn, int LifeCircleMinutes, double WalkingDistance, string TargetGroup, string CapacityUnit,
    string Clause, bool ClauseChecked, string? ClauseVerification = null, double DefaultCapacity = 0, int Version = 0)
{
    public static FacilityTypeResponse From(FacilityType t) => new(t.Code, t.Name, t.NameEn, (int)t.Level, t.WalkingDistance, t.TargetGroup.ToString(),
        t.CapacityUnit.ToString(), t.Clause, t.ClauseChecked, t.ClauseVerification, t.DefaultCapacity, t.Version);
}

public sealed record AddFacilityRequest(string? TypeCode, string? Name, double? Latitude, double? Longitude, double? Capacity, string? Address = null, int? Version = null);

public sealed record EditFacilityTypeRequest(string? Name, string? NameEn, int? LifeCircleMinutes, double? WalkingDistance, string? TargetGroup, string? CapacityUnit,
    double? DefaultCapacity, string? Clause, bool? ClauseChecked, string? ClauseVerification, int? Version)
{
    /// <summary>Names (e.g. "Age65Plus", "Beds") are parsed here so that an unknown one is a field error, not a binding failure.</summary>
    public FacilityTypeEdit ToEdit() => new(Name, NameEn,
        LifeCircleMinutes is { } m && Enum.IsDefined((LifeCircleLevel)m) ? (LifeCircleLevel)m : null,
        WalkingDistance,
        Enum.TryParse<AgeGroup>(TargetGroup, true, out var g) && Enum.IsDefined(g) && !int.TryParse(TargetGroup, out _) ? g : null,
        Enum.TryParse<CapacityUnit>(CapacityUnit, true, out var u) && Enum.IsDefined(u) && !int.TryParse(CapacityUnit, out _) ? u : null,
        DefaultCapacity, Clause, ClauseChecked ?? false, ClauseVerification);
}

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
                TypedResults.Ok((await handlers.Types(ct)).Select(FacilityTypeResponse.From).ToList()))
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("ListFacilityTypes")
            .WithSummary("Facility types with their life circle, standard walking distance (m) and the GB 50180-2018 clause.");

        group.MapGet("/facilities", async (string? type, FacilityHandlers handlers, CancellationToken ct) =>
                TypedResults.Content(FacilitiesGeoJson(await handlers.List(type, ct)), "application/geo+json"))
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("ListFacilities").WithSummary("Facilities as a GeoJSON FeatureCollection, optionally of one type.");

        group.MapPut("/types/{code}", async Task<Results<Ok<FacilityTypeResponse>, ProblemHttpResult>> (string code, EditFacilityTypeRequest request, FacilityTypeHandlers handlers, CancellationToken ct) =>
            {
                var outcome = await handlers.Update(code, request.Version, request.ToEdit(), ct);
                return outcome.Failure is { } f ? f.ToProblem() : TypedResults.Ok(FacilityTypeResponse.From(outcome.Value!));
            })
            .RequireAuthorization(PlacesPolicies.Standards).WithName("EditFacilityType")
            .WithSummary("Change a facility type's life circle, walking distance, age group, capacity unit or clause (administrators and programme coordinators; audited; applies to runs queued afterwards; needs the version read, 409 if it moved).");

        group.MapGet("/facilities/{id:long}", async Task<Results<Ok<FacilityView>, ProblemHttpResult>> (long id, FacilityHandlers handlers, CancellationToken ct) =>
                await handlers.Get(id, ct) is { } f ? TypedResults.Ok(f) : Failure.NotFound($"设施 {id} 不存在 (unknown facility)").ToProblem())
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetFacility").WithSummary("One facility with its version (needed to edit it).");

        group.MapPost("/facilities", async Task<Results<Created<SavedFacility>, ProblemHttpResult>> (AddFacilityRequest request, FacilityHandlers handlers, CancellationToken ct) =>
            {
                var outcome = await handlers.Save(null, null, request.TypeCode, request.Name, request.Latitude, request.Longitude, request.Capacity, request.Address, ct);
                return outcome.Failure is { } f ? f.ToProblem() : TypedResults.Created($"/api/v1/places/facilities/{outcome.Value!.Facility.Id}", outcome.Value);
            })
            .RequireAuthorization(PlacesPolicies.Planner).WithName("AddFacility")
            .WithSummary("Add one facility (planners). The answer says how far the point lies from the walking network; farther than the set distance is flagged.");

        group.MapPut("/facilities/{id:long}", async Task<Results<Ok<SavedFacility>, ProblemHttpResult>> (long id, AddFacilityRequest request, FacilityHandlers handlers, CancellationToken ct) =>
            {
                var outcome = await handlers.Save(id, request.Version, request.TypeCode, request.Name, request.Latitude, request.Longitude, request.Capacity, request.Address, ct);
                return outcome.Failure is { } f ? f.ToProblem() : TypedResults.Ok(outcome.Value!);
            })
            .RequireAuthorization(PlacesPolicies.Planner).WithName("EditFacility")
            .WithSummary("Edit a facility (planners; needs the version read, 409 if it moved). The answer carries the network check of the point.");

        group.MapGet("/check", async Task<Results<Ok<NetworkCheck>, ProblemHttpResult>> (double lat, double lon, FacilityHandlers handlers, CancellationToken ct) =>
            {
                var outcome = await handlers.Check(lat, lon, ct);
                return outcome.Failure is { } f ? f.ToProblem() : TypedResults.Ok(outcome.Value!);
            })
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("CheckPoint")
            .WithSummary("How far a point lies from the nearest walkable edge, against the set distance (flagged when farther or outside the network).");

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

        group.MapGet("/runs", async (HttpContext http, PlacesQueries queries, CancellationToken ct) =>
                TypedResults.Ok((await queries.Runs(ct)).Select(r => Mask(r, http)).ToList()))
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("ListRuns").WithSummary("The latest 50 analysis runs.");

        group.MapGet("/runs/compare", async Task<Results<Ok<RunComparisonView>, ProblemHttpResult>> (long? a, long? b, HttpContext http, PlacesQueries queries, CancellationToken ct) =>
            {
                if (a is null || b is null)
                    return Failure.Invalid("a", "请给出两个运行编号 a 和 b (give two run ids, a and b)").ToProblem();
                var planner = PlacesPolicies.IsPlanner(http.User);
                var view = await queries.Compare(a.Value, b.Value, planner, ct);
                return view is null
                    ? Failure.NotFound("没有该分析 (no such run)").ToProblem()
                    : TypedResults.Ok(view with { A = view.A with { Run = Mask(view.A.Run, http) }, B = view.B with { Run = Mask(view.B.Run, http) } });
            })
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("CompareRuns")
            .WithSummary("Two saved runs side by side: parameters, inputs and standards of each, and coverage per type, district and street with the difference (B − A, percentage points).");

        group.MapGet("/runs/{id}", async Task<Results<Ok<RunDetail>, ProblemHttpResult>> (string id, HttpContext http, PlacesQueries queries, CancellationToken ct) =>
            {
                var runId = ParseRunId(id, out var bad);
                if (bad is not null)
                    return bad.ToProblem();
                var detail = await queries.Run(runId, ct);
                return detail is null ? Failure.NotFound("没有该分析 (no such run)").ToProblem() : TypedResults.Ok(detail with { Run = Mask(detail.Run, http) });
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

        group.MapPost("/runs", async Task<Results<Accepted<JobView>, ProblemHttpResult>> (RunRequest request, HttpContext http, AnalysisJobs jobs,
                Microsoft.Extensions.Options.IOptions<PlacesOptions> options, CancellationToken ct) =>
            {
                var parameters = new AnalysisParameters(request.MaxSnapDistance ?? options.Value.MaxSnapDistance, request.Sites ?? 3);
                var outcome = await jobs.Queue(parameters, http.User.Identity?.Name ?? "api", ct);
                return outcome.Failure is { } f ? f.ToProblem() : TypedResults.Accepted($"/api/v1/places/jobs/{outcome.Value!.Id}", outcome.Value);
            })
            .RequireAuthorization(PlacesPolicies.Planner).WithName("RunAnalysis")
            .WithSummary("Queue the life-circle analysis (planners): 202 with the job; a background worker runs queued jobs one at a time. Poll GET /jobs/{id} until it has a runId or a failureReason.");

        group.MapGet("/jobs/{id:long}", async Task<Results<Ok<JobView>, ProblemHttpResult>> (long id, AnalysisJobs jobs, CancellationToken ct) =>
                await jobs.Get(id, ct) is { } job ? TypedResults.Ok(job) : Failure.NotFound("没有该分析任务 (no such job)").ToProblem())
            .RequireAuthorization(PlacesPolicies.Planner).WithName("GetAnalysisJob")
            .WithSummary("A queued analysis: status (Queued, Running, Succeeded, Failed), jobs ahead of it, progress while running, the run id when done or why it failed.");

        group.MapGet("/jobs", async (AnalysisJobs jobs, CancellationToken ct) => TypedResults.Ok(await jobs.Recent(20, ct)))
            .RequireAuthorization(PlacesPolicies.Planner).WithName("ListAnalysisJobs").WithSummary("The latest 20 analysis jobs (planners).");
    }

    /// <summary>Who started a run is shown to planners only; everyone else sees the run without the name.</summary>
    private static RunSummary Mask(RunSummary run, HttpContext http) => PlacesPolicies.IsPlanner(http.User) ? run : run with { StartedBy = "—" };

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
