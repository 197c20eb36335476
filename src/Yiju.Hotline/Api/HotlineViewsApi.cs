using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Knowledge;
using Yiju.Hotline.Features.Kpi;
using Yiju.Hotline.Features.Settings;
using Yiju.Hotline.Features.Taxonomy;
using Yiju.Kernel;
using Yiju.Kernel.Http;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Api;

public sealed record CategoryRequest(string? Code, string? ParentCode, int? Version, string? NameZh, string? NameEn, string? DefaultUnit, string? RouteLevel,
    IReadOnlyList<string>? Keywords, bool? IsActive);

public sealed record DeadlineRuleRequest(int? Version, string? Type, string? CategoryCode, string? Urgency, int? SignForAmount, string? SignForUnit,
    int? HandlingAmount, string? HandlingUnit, int? RemindBeforeSignForMinutes, int? RemindBeforeHandlingMinutes);

public sealed record StatusLabelRequest(int? Version, string? LabelZh, string? LabelEn);

public sealed record ImportCallsRequest(string? Csv);

public sealed record VersionRequest(int? Version);

/// <summary>
/// /api/v1/hotline: the knowledge base, call counts, KPI drill-down, hotspots and heat map, and the centre's settings
/// (taxonomy, deadline rules, KPI weight versions, status labels). Same handlers as the pages.
/// </summary>
public static class HotlineViewsApi
{
    public static void MapHotlineViews(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);

        // ---------- knowledge base ----------
        group.MapGet("/kb", async (string? category, string? q, bool? includeInactive, HttpContext http, KnowledgeBase kb, CancellationToken ct) =>
            Result(await kb.List(category, q, includeInactive ?? false, Caller.From(http.User), ct)))
            .WithName("ListKnowledgeEntries").WithSummary("知识库: standard answers, filtered by category prefix and words.");
        group.MapGet("/kb/suggest", async (string? category, string? text, HttpContext http, KnowledgeBase kb, CancellationToken ct) =>
            Result(await kb.Suggest(category, text, Caller.From(http.User), ct)))
            .WithName("SuggestKnowledgeEntries").WithSummary("Entries valid today that match the chosen category and the caller's words, best first.");
        group.MapGet("/kb/{id:long}", async (long id, HttpContext http, KnowledgeBase kb, CancellationToken ct) => Result(await kb.Get(id, Caller.From(http.User), ct)))
            .WithName("GetKnowledgeEntry");
        group.MapGet("/kb/{id:long}/history", async (long id, HttpContext http, KnowledgeBase kb, CancellationToken ct) => Result(await kb.History(id, Caller.From(http.User), ct)))
            .WithName("KnowledgeEntryHistory").WithSummary("Every saved revision of an entry, newest first.");
        group.MapPost("/kb", async (SaveKnowledgeEntry request, HttpContext http, KnowledgeBase kb, CancellationToken ct) =>
            Result(await kb.Save(request with { Id = null }, Caller.From(http.User), ct)))
            .WithName("CreateKnowledgeEntry").WithSummary("Adds an entry (12345 centre). Category, title, answer and source are required.");
        group.MapPut("/kb/{id:long}", async (long id, SaveKnowledgeEntry request, HttpContext http, KnowledgeBase kb, CancellationToken ct) =>
            Result(await kb.Save(request with { Id = id }, Caller.From(http.User), ct)))
            .WithName("UpdateKnowledgeEntry").WithSummary("Edits an entry; send the version you read (409 when it moved). The previous text stays in the history.");

        // ---------- call counts ----------
        group.MapGet("/calls", async (string? month, HttpContext http, CallRecords calls, TimeProvider clock, CancellationToken ct) =>
            HotlineApi.TryMonth(month, clock, out var ym) ? Result(await calls.Month(ym, Caller.From(http.User), ct)) : BadMonth())
            .WithName("CallCounts").WithSummary("The month's recorded call counts by day and the call-answer rate (接听率).");
        group.MapPost("/calls", async (RecordCalls request, HttpContext http, CallRecords calls, CancellationToken ct) =>
            Result(await calls.Record(request, Caller.From(http.User), ct)))
            .WithName("RecordCalls").WithSummary("Records one day's offered and answered calls (12345 centre); version 0 for a new day.");
        group.MapPost("/calls/import", async (ImportCallsRequest request, HttpContext http, CallRecords calls, CancellationToken ct) =>
            Result(await calls.Import(request.Csv, Caller.From(http.User), ct)))
            .WithName("ImportCalls").WithSummary("Imports CSV lines yyyy-MM-dd,offered,answered; all or nothing.");

        // ---------- drill-down, hotspots, heat map ----------
        group.MapGet("/kpi/tickets", async (string? month, string? kind, string? outcome, string? level, long? unit, string? category, long? district, long? street, int? page,
            HttpContext http, KpiDrillDown drill, TimeProvider clock, CancellationToken ct) =>
        {
            var filter = ParseDrill(month, kind, outcome, level, unit, category, district, street, page, clock);
            return filter.Succeeded ? Result(await drill.Tickets(filter.Value!, Caller.From(http.User), ct)) : filter.Failure!.ToProblem();
        }).WithName("KpiTickets").WithSummary("The tickets behind a dashboard figure (kind: Dispatched, Response, Resolution, Satisfaction, OnTimeClosing, Accepted, AtIntake, Area), limited to the caller's scope.");
        group.MapGet("/hotspots", async (string? month, string? level, HttpContext http, HotspotQueries hotspots, TimeProvider clock, CancellationToken ct) =>
        {
            if (!HotlineApi.TryMonth(month, clock, out var ym))
                return BadMonth();
            if (!HotlineApi.TryEnum<UnitKind>(level ?? nameof(UnitKind.Street), out var kind))
                return Failure.Invalid("level", "区域层级应为 District 或 Street (level must be District or Street)").ToProblem();
            return Result(await hotspots.Month(ym, kind, Caller.From(http.User), ct));
        }).WithName("HotlineHotspots").WithSummary("Category × area spikes of the month against the previous six months.");
        group.MapGet("/heat", async (string? month, string? category, HttpContext http, HotspotQueries hotspots, TimeProvider clock, CancellationToken ct) =>
            HotlineApi.TryMonth(month, clock, out var ym) ? Result(await hotspots.Heat(ym, category, Caller.From(http.User), ct)) : BadMonth())
            .WithName("HotlineHeat").WithSummary("Tickets accepted in the month that the caller may see, counted per grid cell for the heat map.");

        // ---------- settings ----------
        var settings = group.MapGroup("/settings");
        settings.MapGet("/categories", async (CategoryCatalogue catalogue, CancellationToken ct) => TypedResults.Ok(await catalogue.List(ct)))
            .WithName("HotlineCategorySettings");
        settings.MapPost("/categories", async (CategoryRequest request, HttpContext http, HotlineSettings handler, CancellationToken ct) =>
            ToCategory(request, null) is { Succeeded: true } c ? Result(await handler.SaveCategory(c.Value!, Caller.From(http.User), ct)) : ToCategory(request, null).Failure!.ToProblem())
            .WithName("AddHotlineCategory").WithSummary("Adds a first- or second-level category (12345 centre, administrators).");
        settings.MapPut("/categories/{code}", async (string code, CategoryRequest request, HttpContext http, HotlineSettings handler, CancellationToken ct) =>
            ToCategory(request, code) is { Succeeded: true } c ? Result(await handler.SaveCategory(c.Value!, Caller.From(http.User), ct)) : ToCategory(request, code).Failure!.ToProblem())
            .WithName("UpdateHotlineCategory").WithSummary("Renames, reroutes, (de)activates a category; send its version (409 when it moved).");
        settings.MapDelete("/categories/{code}", async (string code, int? version, HttpContext http, HotlineSettings handler, CancellationToken ct) =>
            Result(await handler.DeleteCategory(code, version, Caller.From(http.User), ct)))
            .WithName("DeleteHotlineCategory").WithSummary("Deletes a category nothing uses; one in use is 409 (deactivate it instead).");

        settings.MapGet("/deadlines", async (HttpContext http, HotlineSettings handler, CancellationToken ct) => Result(await handler.DeadlineRules(Caller.From(http.User), ct)))
            .WithName("HotlineDeadlineRules");
        settings.MapPost("/deadlines", async (DeadlineRuleRequest request, HttpContext http, HotlineSettings handler, CancellationToken ct) =>
            ToRule(request, null) is { Succeeded: true } r ? Result(await handler.SaveDeadlineRule(r.Value!, Caller.From(http.User), ct)) : ToRule(request, null).Failure!.ToProblem())
            .WithName("AddHotlineDeadlineRule");
        settings.MapPut("/deadlines/{id:long}", async (long id, DeadlineRuleRequest request, HttpContext http, HotlineSettings handler, CancellationToken ct) =>
            ToRule(request, id) is { Succeeded: true } r ? Result(await handler.SaveDeadlineRule(r.Value!, Caller.From(http.User), ct)) : ToRule(request, id).Failure!.ToProblem())
            .WithName("UpdateHotlineDeadlineRule");
        settings.MapDelete("/deadlines/{id:long}", async (long id, int? version, HttpContext http, HotlineSettings handler, CancellationToken ct) =>
            Result(await handler.DeleteDeadlineRule(id, version, Caller.From(http.User), ct)))
            .WithName("DeleteHotlineDeadlineRule");

        settings.MapGet("/weights", async (HttpContext http, HotlineSettings handler, CancellationToken ct) => Result(await handler.WeightVersions(Caller.From(http.User), ct)))
            .WithName("HotlineKpiWeights").WithSummary("Every published version of the composite-score weights, newest first.");
        settings.MapPost("/weights", async (PublishWeights request, HttpContext http, HotlineSettings handler, CancellationToken ct) =>
            Result(await handler.Publish(request, Caller.From(http.User), ct)))
            .WithName("PublishHotlineKpiWeights").WithSummary("Publishes a new weights version (administrators); basedOnVersion must be the latest (409 otherwise).");

        settings.MapGet("/labels", async (HttpContext http, HotlineSettings handler, CancellationToken ct) => Result(await handler.StatusLabelList(Caller.From(http.User), ct)))
            .WithName("HotlineStatusLabels").WithSummary("The wording of each fixed status and the lifecycle category it maps to.");
        settings.MapPut("/labels/{status}", async (string status, StatusLabelRequest request, HttpContext http, HotlineSettings handler, CancellationToken ct) =>
            HotlineApi.TryEnum<TicketStatus>(status, out var s)
                ? Result(await handler.SaveLabel(new SaveStatusLabel(s, request.Version, request.LabelZh, request.LabelEn), Caller.From(http.User), ct))
                : Failure.NotFound($"未知状态 {status} (unknown status)").ToProblem())
            .WithName("SaveHotlineStatusLabel").WithSummary("Rewords one status; version 0 while it still has the default wording.");
    }

    public static Outcome<DrillFilter> ParseDrill(string? month, string? kind, string? outcome, string? level, long? unit, string? category, long? district, long? street,
        int? page, TimeProvider clock)
    {
        if (!HotlineApi.TryMonth(month, clock, out var ym))
            return Failure.Invalid("month", "月份格式应为 yyyy-MM (month must be yyyy-MM)");
        if (!HotlineApi.TryEnum<DrillKind>(kind ?? nameof(DrillKind.Dispatched), out var k))
            return Failure.Invalid("kind", "未知指标 (unknown figure)");
        if (!HotlineApi.TryEnum<DrillOutcome>(string.IsNullOrEmpty(outcome) ? nameof(DrillOutcome.All) : outcome, out var o))
            return Failure.Invalid("outcome", "outcome 应为 All、Met 或 Missed (outcome must be All, Met or Missed)");
        UnitKind? l = null;
        if (!string.IsNullOrEmpty(level))
        {
            if (!HotlineApi.TryEnum<UnitKind>(level, out var parsed) || parsed == UnitKind.Centre)
                return Failure.Invalid("level", "层级应为 Department、District 或 Street (unknown level)");
            l = parsed;
        }
        if (page is < 1 or > 100_000)
            return Failure.Invalid("page", "页码无效 (invalid page)");
        return new DrillFilter(ym, k, o, l, unit, category, district, street, page ?? 1);
    }

    private static Outcome<SaveCategory> ToCategory(CategoryRequest request, string? code)
    {
        if (!HotlineApi.TryEnum<UnitKind>(request.RouteLevel ?? nameof(UnitKind.Department), out var route))
            return Failure.Invalid("routeLevel", "派单层级应为 Department、District 或 Street (unknown route level)");
        if (code is not null && request.Version is null)
            return Failure.Invalid("version", "须提供所看到的版本 (send the version you read)");
        return new SaveCategory(code ?? request.Code, request.ParentCode, code is null ? null : request.Version, request.NameZh, request.NameEn, request.DefaultUnit,
            route, request.Keywords, request.IsActive ?? true);
    }

    private static Outcome<SaveDeadlineRule> ToRule(DeadlineRuleRequest r, long? id)
    {
        TicketType? type = null;
        Urgency? urgency = null;
        if (!string.IsNullOrEmpty(r.Type))
        {
            if (!HotlineApi.TryEnum<TicketType>(r.Type, out var t))
                return Failure.Invalid("type", "未知类型 (unknown type)");
            type = t;
        }
        if (!string.IsNullOrEmpty(r.Urgency))
        {
            if (!HotlineApi.TryEnum<Urgency>(r.Urgency, out var u))
                return Failure.Invalid("urgency", "未知紧急程度 (unknown urgency)");
            urgency = u;
        }
        if (!HotlineApi.TryEnum<DeadlineUnit>(r.SignForUnit ?? string.Empty, out var signUnit) || !HotlineApi.TryEnum<DeadlineUnit>(r.HandlingUnit ?? string.Empty, out var handleUnit))
            return Failure.Invalid("signForUnit", "期限单位应为 Hours、WorkingDays 或 CalendarDays (unknown deadline unit)");
        if (r.SignForAmount is not { } signAmount || r.HandlingAmount is not { } handleAmount)
            return Failure.Invalid("signForAmount", "须填写签收和办理期限 (sign-for and handling amounts are required)");
        return new SaveDeadlineRule(id, r.Version, type, r.CategoryCode, urgency, signAmount, signUnit, handleAmount, handleUnit,
            r.RemindBeforeSignForMinutes ?? 0, r.RemindBeforeHandlingMinutes ?? 0);
    }

    private static IResult BadMonth() => Failure.Invalid("month", "月份格式应为 yyyy-MM (month must be yyyy-MM)").ToProblem();

    private static IResult Result<T>(Outcome<T> outcome) => outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Failure!.ToProblem();
}
