using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Yiju.Kernel.Geo;
using Yiju.Kernel.Http;
using Yiju.Kernel.Security;
using Yiju.Organisation.Domain;
using Yiju.Organisation.Features.Departments;
using Yiju.Organisation.Features.Units;

namespace Yiju.Organisation.Api;

public sealed record UnitResponse(string Code, string Name, string? NameEn, string Level, string? Kind, string? ParentCode);

public sealed record UnitDetailResponse(UnitResponse Unit, IReadOnlyList<UnitResponse> Ancestors, IReadOnlyList<UnitResponse> Children, string? BoundarySource, int Version);

public sealed record SaveUnitRequest(string? Code, string? Name, string? NameEn, string? ParentCode, string? Level, int? Version);

public sealed record LookupResponse(string DistrictCode, string DistrictName, string? StreetCode, string? StreetName);

public sealed record ImportResponse(int Created, IReadOnlyList<ImportError> Errors);

/// <summary>
/// /api/v1/organisation: the organisation as data. Reading is public (it is public information, and outside apps need
/// unit codes); changing is for staff within their scope.
/// </summary>
public static class OrganisationApi
{
    public static void MapOrganisationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisation").WithTags("Organisation");

        group.MapGet("/units", async Task<Results<Ok<List<UnitResponse>>, ProblemHttpResult>> (string? level, string? parent, string? q, UnitQueries queries, CancellationToken ct) =>
        {
            UnitLevel? parsed = null;
            if (!string.IsNullOrEmpty(level))
            {
                if (!Enum.TryParse<UnitLevel>(level, ignoreCase: true, out var l) || !Enum.IsDefined(l) || int.TryParse(level, out _))
                    return Kernel.Failure.Invalid("level", $"未知级别 '{level}'，应为 city、district、street 或 community (unknown level)").ToProblem();
                parsed = l;
            }
            if (q is { Length: > 100 })
                return Kernel.Failure.Invalid("q", "搜索词过长 (search text too long)").ToProblem();
            var units = await queries.List(parsed, parent, q, ct);
            return TypedResults.Ok(units.Select(ToResponse).ToList());
        }).AllowAnonymous().RequireRateLimiting("anonymous").WithName("ListUnits")
          .WithSummary("Units by level (city, district, street, community), parent code or search text.");

        group.MapGet("/units/{code}", async Task<Results<Ok<UnitDetailResponse>, ProblemHttpResult>> (string code, UnitQueries queries, CancellationToken ct) =>
        {
            var detail = await queries.Get(code, ct);
            return detail is null
                ? Kernel.Failure.NotFound($"单位 {code} 不存在 (unknown unit)").ToProblem()
                : TypedResults.Ok(new UnitDetailResponse(ToResponse(detail.Unit), detail.Ancestors.Select(ToResponse).ToList(), detail.Children.Select(ToResponse).ToList(), detail.BoundarySource, detail.Version));
        }).AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetUnit").WithSummary("One unit with its ancestors and children.");

        group.MapGet("/boundaries/{level}", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string level, UnitQueries queries, CancellationToken ct) =>
        {
            if (!Enum.TryParse<UnitLevel>(level, ignoreCase: true, out var l) || !Enum.IsDefined(l) || int.TryParse(level, out _))
                return Kernel.Failure.Invalid("level", $"未知级别 '{level}' (unknown level)").ToProblem();
            return TypedResults.Content(await queries.Boundaries(l, ct), "application/geo+json");
        }).AllowAnonymous().RequireRateLimiting("anonymous").WithName("GetBoundaries").WithSummary("WGS84 GeoJSON boundaries of the units of one level.");

        group.MapGet("/lookup", Results<Ok<LookupResponse>, ProblemHttpResult> (double lat, double lon, IDistrictLookup lookup) =>
        {
            var point = new GeoPoint(lat, lon);
            if (!point.IsValid)
                return Kernel.Failure.Invalid("lat", "坐标无效 (invalid coordinates)").ToProblem();
            var match = lookup.Find(point);
            return match is null
                ? Kernel.Failure.NotFound("该点不在哈尔滨市任何区县内 (the point is outside every district)").ToProblem()
                : TypedResults.Ok(new LookupResponse(match.DistrictCode, match.DistrictName, match.StreetCode, match.StreetName));
        }).AllowAnonymous().RequireRateLimiting("anonymous").WithName("LookupDistrict").WithSummary("The district and street containing a WGS84 point.");

        group.MapGet("/departments", async (DepartmentHandlers handlers, CancellationToken ct) => TypedResults.Ok(await handlers.List(ct)))
            .AllowAnonymous().RequireRateLimiting("anonymous").WithName("ListDepartments").WithSummary("City departments.");

        group.MapPost("/units", async Task<Results<Created<UnitResponse>, ProblemHttpResult>> (SaveUnitRequest request, HttpContext http, SaveUnit handler, CancellationToken ct) =>
        {
            if (!TryLevel(request.Level, out var level))
                return Kernel.Failure.Invalid("level", "级别应为 street 或 community (level must be street or community)").ToProblem();
            var outcome = await handler.Handle(new SaveUnitCommand(null, request.Code ?? "", request.Name ?? "", request.NameEn, request.ParentCode, level, null), Caller.From(http.User), ct);
            return outcome.Succeeded
                ? TypedResults.Created($"/api/v1/organisation/units/{outcome.Value!.Code}", ToResponse(outcome.Value))
                : outcome.Failure!.ToProblem();
        }).RequireAuthorization(Policies.UnitEditor).WithName("CreateUnit").WithSummary("Adds a street or community within the caller's scope.");

        group.MapPut("/units/{code}", async Task<Results<Ok<UnitResponse>, ProblemHttpResult>> (string code, SaveUnitRequest request, HttpContext http, SaveUnit handler, CancellationToken ct) =>
        {
            var outcome = await handler.Handle(new SaveUnitCommand(code, code, request.Name ?? "", request.NameEn, null, UnitLevel.Street, request.Version), Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(ToResponse(outcome.Value!)) : outcome.Failure!.ToProblem();
        }).RequireAuthorization(Policies.UnitEditor).WithName("UpdateUnit").WithSummary("Renames a unit; send the version you read to avoid overwriting someone else's change (409 if it moved).");

        group.MapPost("/units/import", async Task<Results<Ok<ImportResponse>, BadRequest<ImportResponse>, ProblemHttpResult>> (HttpRequest request, HttpContext http, ImportUnits handler, CancellationToken ct) =>
        {
            if (request.ContentLength is > ImportUnits.MaxFileBytes)
                return Kernel.Failure.Invalid("file", "文件超过 5 MB (file larger than 5 MB)").ToProblem();
            var outcome = await handler.Handle(request.Body, Caller.From(http.User), ct);
            if (!outcome.Succeeded)
                return outcome.Failure!.ToProblem();
            var result = outcome.Value!;
            return result.Succeeded ? TypedResults.Ok(new ImportResponse(result.Created, [])) : TypedResults.BadRequest(new ImportResponse(0, result.Errors));
        }).RequireAuthorization(Policies.UnitEditor).Accepts<string>("text/csv").WithName("ImportUnits")
          .WithSummary("CSV body (code,name,level,parent_code[,name_en]). All or nothing: on any bad row nothing is imported and every bad row is listed.");
    }

    private static bool TryLevel(string? text, out UnitLevel level)
    {
        level = text?.Trim().ToUpperInvariant() switch { "STREET" => UnitLevel.Street, "COMMUNITY" => UnitLevel.Community, _ => 0 };
        return level != 0;
    }

    private static string LevelName(UnitLevel level) => level switch
    {
        UnitLevel.City => "city",
        UnitLevel.District => "district",
        UnitLevel.Street => "street",
        UnitLevel.Community => "community",
    };

    private static UnitResponse ToResponse(UnitSummary u) =>
        new(u.Code, u.Name, u.NameEn, LevelName(u.Level), u.Kind?.ToString(), u.ParentCode);
}
