using System.Collections.Frozen;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Deadlines;
using Yiju.Hotline.Features.Intake;
using Yiju.Hotline.Features.Kpi;
using Yiju.Hotline.Features.Open311;
using Yiju.Hotline.Features.Petitions;
using Yiju.Hotline.Features.Queries;
using Yiju.Hotline.Features.Taxonomy;
using Yiju.Hotline.Features.Workflow;
using Yiju.Kernel;
using Yiju.Kernel.Http;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Api;

public sealed record IntakeRequest(string? Type, string? CategoryCode, string? Text, string? Urgency, string? Title, string? CallerName,
    string? CallerPhone, string? Address, double? Latitude, double? Longitude);

public sealed record TransitionRequest(int? Version, string? Note, string? UnitKind, long? UnitId, bool? Resolved, string? Satisfaction, DateOnly? DueDate, bool? Flagged,
    string? TargetNumber = null, string? Text = null, string? CategoryCode = null, long? KbEntryId = null);

public sealed record CreatedResponse(Guid Id, string Number);

public sealed record SuggestionResponse(IReadOnlyList<CategorySuggestion> Categories, SuggestedUnitResponse? Unit);

public sealed record SuggestedUnitResponse(string Kind, long Id, string Name);

public sealed record RegisterClientRequest(string? Name);

/// <summary>/api/v1/hotline: the 12345 workflow for staff, and the resident endpoints (submit, track) without sign-in.</summary>
public static class HotlineApi
{
    /// <summary>Actions by their URL name: "sign-for", "request-extension", …</summary>
    public static FrozenDictionary<string, TicketAction> ActionsByName { get; } = TicketWorkflow.Rules
        .Where(r => r.Action is not (TicketAction.Accept or TicketAction.AbsorbDuplicate or TicketAction.Remind or TicketAction.Escalate))
        .ToFrozenDictionary(r => Kebab(r.Action.ToString()), r => r.Action, StringComparer.Ordinal);

    public static void MapHotlineApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/hotline").WithTags("Hotline");

        group.MapGet("/categories", async (CategoryCatalogue catalogue, CancellationToken ct) => TypedResults.Ok(await catalogue.List(ct)))
            .WithName("ListHotlineCategories").WithSummary("The two-level category taxonomy.");

        group.MapGet("/suggest", async Task<Results<Ok<SuggestionResponse>, ProblemHttpResult>> (string? text, long? districtId, long? streetId,
            CategoryCatalogue catalogue, IHotlineDirectory directory, CancellationToken ct) =>
        {
            if (text is { Length: > TicketIntake.MaxTextLength })
                return Failure.Invalid("text", "内容过长 (text too long)").ToProblem();
            var suggestions = await catalogue.Suggest(text, ct);
            var unit = suggestions.Count == 0 ? null : await SuggestUnit(suggestions[0], districtId, streetId, directory, ct);
            return TypedResults.Ok(new SuggestionResponse(suggestions, unit));
        }).WithName("SuggestHotlineRouting").WithSummary("Suggested categories for a text (keyword rules plus what this deployment learned) and the suggested receiving unit.");

        group.MapPost("/tickets", async Task<Results<Created<CreatedResponse>, ProblemHttpResult>> (IntakeRequest request, HttpContext http, CreateTicket handler, CancellationToken ct) =>
        {
            if (ToCommand(request, Channel.Phone) is not { Succeeded: true } parsed)
                return ToCommand(request, Channel.Phone).Failure!.ToProblem();
            var outcome = await handler.ByStaff(parsed.Value!, Caller.From(http.User), ct);
            return outcome.Succeeded
                ? TypedResults.Created($"/api/v1/hotline/tickets/{outcome.Value!.Id}", new CreatedResponse(outcome.Value.Id, outcome.Value.Number))
                : outcome.Failure!.ToProblem();
        }).WithName("AcceptTicket").WithSummary("受理: an operator records a ticket.");

        group.MapGet("/tickets", async Task<Results<Ok<QueuePage>, ProblemHttpResult>> (string? status, bool? overdue, string? category, string? q, int? page,
            string? after, HttpContext http, TicketQueries queries, CancellationToken ct) =>
        {
            var statuses = new List<TicketStatus>();
            foreach (var s in (status ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!TryEnum<TicketStatus>(s, out var parsed))
                    return Failure.Invalid("status", $"未知状态 {s} (unknown status)").ToProblem();
                statuses.Add(parsed);
            }
            var outcome = await queries.Queue(new QueueFilter(statuses, overdue ?? false, category, q, page ?? 1, after), Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("TicketQueue").WithSummary("The caller's work queue: tickets their unit holds (the centre: all open tickets), nearest deadline first; phones masked. Page with `after` = the previous page's `next` (keyset), or `page`.");

        group.MapGet("/tickets/{id:guid}", async Task<Results<Ok<TicketView>, ProblemHttpResult>> (Guid id, HttpContext http, TicketQueries queries, CancellationToken ct) =>
        {
            var outcome = await queries.Detail(id, Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("GetTicket").WithSummary("One ticket with its timeline and the actions open to the caller.");

        group.MapGet("/tickets/{id:guid}/duplicates", async (Guid id, HttpContext http, TicketQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.Duplicates(id, Caller.From(http.User), ct)))
            .WithName("TicketDuplicates").WithSummary("Open tickets that look like the same problem (same category, nearby, similar text, within days): merge candidates for the centre.");

        group.MapPost("/tickets/{id:guid}/{action}", async Task<Results<Ok<TicketView>, ProblemHttpResult>> (Guid id, string action, TransitionRequest request,
            HttpContext http, TransitionTicket handler, CancellationToken ct) =>
        {
            var parsed = ToTransition(action, request);
            if (!parsed.Succeeded)
                return parsed.Failure!.ToProblem();
            var outcome = await handler.Handle(id, parsed.Value!, Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("TransitionTicket")
          .WithSummary("A workflow step (dispatch, sign-for, reply, callback, close, reopen, return, request-extension, approve-extension, …). Send the version you read: 409 if the ticket moved since.");

        group.MapGet("/kpi", async Task<Results<Ok<Dashboard>, ProblemHttpResult>> (string? month, HttpContext http, KpiDashboard dashboard, TimeProvider clock, CancellationToken ct) =>
        {
            if (!TryMonth(month, clock, out var ym))
                return Failure.Invalid("month", "月份格式应为 yyyy-MM (month must be yyyy-MM)").ToProblem();
            var outcome = await dashboard.Month(ym, Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("HotlineKpi").WithSummary("The month's rates with numerators and denominators, and rankings of departments, districts and streets.");

        group.MapGet("/notices", async Task<Results<Ok<IReadOnlyList<NoticeRow>>, ProblemHttpResult>> (HttpContext http, NoticeQueries notices, CancellationToken ct) =>
        {
            var outcome = await notices.For(Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("HotlineNotices").WithSummary("Deadline reminders and escalations the caller's unit sees (latest 50): its own tickets'; a district also its streets' escalations; the centre every escalation; the petition bureau every petition's.");

        group.MapGet("/petitions", async Task<Results<Ok<PetitionOverview>, ProblemHttpResult>> (HttpContext http, PetitionQueries petitions, CancellationToken ct) =>
        {
            var outcome = await petitions.Overview(Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("PetitionQueue").WithSummary("The petition bureau's queue: open petitions by nearest statutory deadline, counts per stage, this year's on-time and satisfaction figures against the targets.");

        group.MapPost("/public/tickets", async Task<Results<Ok<CreatedResponse>, Created<CreatedResponse>, ProblemHttpResult>> (IntakeRequest request,
            [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CreateTicket handler, CancellationToken ct) =>
        {
            var parsed = ToCommand(request with { Urgency = null }, Channel.WebForm);
            if (!parsed.Succeeded)
                return parsed.Failure!.ToProblem();
            if (parsed.Value!.Type == TicketType.Petition)
                return Failure.Invalid("type", "信访事项请通过信访渠道提交 (petitions are filed through the petition office, not this form)").ToProblem();
            var outcome = await handler.ByResident(parsed.Value!, "网站 Web form", idempotencyKey, requirePhone: true, ct);
            if (!outcome.Succeeded)
                return outcome.Failure!.ToProblem();
            var body = new CreatedResponse(outcome.Value!.Id, outcome.Value.Number);
            return outcome.Value.AlreadyExisted ? TypedResults.Ok(body) : TypedResults.Created($"/hotline/track?number={body.Number}", body);
        }).AllowAnonymous().RequireRateLimiting("anonymous").DisableAntiforgery().WithName("SubmitTicket")
          .WithSummary("A resident submits a request without signing in. Repeat with the same Idempotency-Key header: the same ticket (200), never a second one.");

        group.MapGet("/public/tickets/{number}", async Task<Results<Ok<PublicTicket>, ProblemHttpResult>> (string number, string? phone, TicketQueries queries, CancellationToken ct) =>
        {
            var ticket = await queries.Track(number, phone, ct);
            return ticket is null ? Failure.NotFound("工单号或电话不符 (no ticket with that number and phone)").ToProblem() : TypedResults.Ok(ticket);
        }).AllowAnonymous().RequireRateLimiting("anonymous").WithName("TrackTicket").WithSummary("Follow a ticket with its number and the phone given at submission.");

        group.MapHotlineViews();

        var clients = group.MapGroup("/open311-clients").RequireAuthorization(Policies.Admin);
        clients.MapGet("/", async (Open311Clients handler, CancellationToken ct) => TypedResults.Ok(await handler.List(ct))).WithName("ListOpen311Clients");
        clients.MapPost("/", async Task<Results<Ok<RegisteredClient>, ProblemHttpResult>> (RegisterClientRequest request, HttpContext http, Open311Clients handler, CancellationToken ct) =>
        {
            var outcome = await handler.Register(request.Name, Caller.From(http.User), ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("RegisterOpen311Client").WithSummary("Issues an api_key for an Open311 client; the key is shown only in this response.");
    }

    public static async Task<SuggestedUnitResponse?> SuggestUnit(CategorySuggestion category, long? districtId, long? streetId, IHotlineDirectory directory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(directory);
        var route = UnitRouting.For(new Category { Code = category.Code, NameZh = category.NameZh, DefaultUnit = category.DefaultUnit, RouteLevel = category.RouteLevel }, districtId, streetId);
        HotlineUnit? unit = route.Kind switch
        {
            UnitKind.Street => await directory.Find(UnitKind.Street, route.StreetId!.Value, ct),
            UnitKind.District => await directory.Find(UnitKind.District, route.DistrictId!.Value, ct),
            UnitKind.Department or UnitKind.Centre => (await directory.Units(UnitKind.Department, ct)).FirstOrDefault(d => string.Equals(d.Name, route.DepartmentName, StringComparison.Ordinal)),
        };
        return unit is null ? null : new SuggestedUnitResponse(unit.Kind.ToString(), unit.Id, unit.Name);
    }

    public static Outcome<IntakeCommand> ToCommand(IntakeRequest request, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryEnum<TicketType>(request.Type ?? nameof(TicketType.Complaint), out var type))
            return Failure.Invalid("type", "类型应为 Complaint、Help、Consultation、Suggestion、Praise 或 Petition (unknown type)");
        if (!TryEnum<Urgency>(request.Urgency ?? nameof(Urgency.Normal), out var urgency))
            return Failure.Invalid("urgency", "紧急程度应为 Normal、Urgent 或 VeryUrgent (unknown urgency)");
        return new IntakeCommand(type, request.CategoryCode, request.Text, channel, urgency, request.Title, request.CallerName, request.CallerPhone,
            request.Address, request.Latitude, request.Longitude);
    }

    public static Outcome<TransitionCommand> ToTransition(string action, TransitionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ActionsByName.TryGetValue(action, out var parsed))
            return Failure.NotFound($"未知操作 {action} (unknown action)");
        if (request.Version is not { } version)
            return Failure.Invalid("version", "须提供所看到的工单版本 (send the ticket version you read)");
        UnitKind? kind = null;
        if (request.UnitKind is { } k)
        {
            if (!TryEnum<UnitKind>(k, out var unitKind))
                return Failure.Invalid("unitKind", "单位类型应为 Department、District 或 Street (unknown unit kind)");
            kind = unitKind;
        }
        Satisfaction? satisfaction = null;
        if (request.Satisfaction is { } s)
        {
            if (!TryEnum<Satisfaction>(s, out var sat))
                return Failure.Invalid("satisfaction", "满意度应为 Satisfied、BasicallySatisfied 或 Dissatisfied (unknown satisfaction)");
            satisfaction = sat;
        }
        return new TransitionCommand(parsed, version, request.Note, kind, request.UnitId, request.Resolved, satisfaction, request.DueDate, request.Flagged ?? false,
            request.TargetNumber, request.Text, request.CategoryCode, request.KbEntryId);
    }

    public static bool TryMonth(string? text, TimeProvider clock, out YearMonth month)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (string.IsNullOrWhiteSpace(text))
        {
            month = YearMonth.Of(clock.GetUtcNow().UtcDateTime);
            return true;
        }
        month = default;
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var first))
            return false;
        month = new YearMonth(first.Year, first.Month);
        return true;
    }

    public static bool TryEnum<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    public static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
