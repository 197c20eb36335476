using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Intake;
using Yiju.Hotline.Features.Open311;
using static Yiju.Hotline.Api.Open311Format;

namespace Yiju.Hotline.Api;

/// <summary>
/// Open311 GeoReport v2 at /open311/v2 (https://wiki.open311.org/GeoReport_v2): discovery, services, service definitions,
/// posting and reading service requests, each as .json or .xml. Categories are the services; ticket numbers are the
/// service_request_id; expected_datetime is the handling deadline. Errors use the spec's format.
/// </summary>
public static class Open311Api
{
    public const string Changeset = "2026-11-22T00:00:00+08:00";

    /// <summary>The jurisdiction this endpoint serves unless configured (Hotline:Open311:JurisdictionId): the city's website root, as the spec suggests.</summary>
    public const string DefaultJurisdiction = "harbin.gov.cn";

    public const int MaxMediaUrlLength = 500;

    public static void MapOpen311(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/open311/v2").WithTags("Open311").AllowAnonymous().RequireRateLimiting("anonymous");

        group.MapGet("/discovery.{format}", (string format, HttpRequest request) =>
        {
            if (!Known(format))
                return NotFound();
            var url = $"{request.Scheme}://{request.Host}{request.PathBase}/open311/v2";
            var endpoint = Obj(("specification", "http://wiki.open311.org/GeoReport_v2"), ("url", url), ("changeset", Changeset), ("type", "production"),
                ("formats", new OArray("format", [new OValue("text/xml"), new OValue("application/json")])));
            var body = Obj(("changeset", Changeset), ("contact", "哈尔滨市12345市民服务热线 Harbin 12345 citizen hotline"),
                ("key_service", "api_key 由系统管理员登记发放 (api_keys are issued by the Yiju administrators)"),
                ("endpoints", new OArray("endpoint", [endpoint])));
            return Respond(body, "discovery", format);
        }).WithName("Open311Discovery");

        group.MapGet("/services.{format}", async (string format, HttpRequest request, Open311Requests requests, CancellationToken ct) =>
        {
            if (!Known(format))
                return NotFound();
            if (UnknownJurisdiction(request, request.Query["jurisdiction_id"], format) is { } wrong)
                return wrong;
            var services = await requests.Services(ct);
            return Respond(new OArray("service", [.. services.Select(ServiceNode)]), "services", format);
        }).WithName("Open311Services");

        group.MapGet("/services/{code}.{format}", async (string code, string format, HttpRequest request, Open311Requests requests, CancellationToken ct) =>
        {
            if (!Known(format))
                return NotFound();
            if (UnknownJurisdiction(request, request.Query["jurisdiction_id"], format) is { } wrong)
                return wrong;
            if (await requests.Service(code, ct) is null)
                return Error(format, StatusCodes.Status404NotFound, $"service_code {code} not found");
            var values = new OArray("value", [.. Open311Requests.RequestTypes.Select(t => (ONode)Obj(("key", t.Key), ("name", t.Name)))]);
            var attribute = Obj(("variable", true), ("code", "request_type"), ("datatype", "singlevaluelist"), ("required", false),
                ("datatype_description", "complaint, help, consultation, suggestion or praise; complaint when absent"), ("order", 1),
                ("description", "诉求类型 Type of request"), ("values", values));
            return Respond(Obj(("service_code", code), ("attributes", new OArray("attribute", [attribute]))), "service_definition", format);
        }).WithName("Open311ServiceDefinition");

        group.MapPost("/requests.{format}", async (string format, HttpRequest request, Open311Clients clients, CreateTicket create, CancellationToken ct) =>
        {
            if (!Known(format))
                return NotFound();
            if (!request.HasFormContentType)
                return Error(format, StatusCodes.Status400BadRequest, "send the request as application/x-www-form-urlencoded or multipart/form-data");
            var form = await request.ReadFormAsync(ct);
            var client = await clients.Authenticate(form["api_key"], ct);
            if (client is null)
                return Error(format, StatusCodes.Status403Forbidden, "Invalid api_key received -- can't proceed with create_request.");
            if (UnknownJurisdiction(request, form["jurisdiction_id"], format) is { } wrong)
                return wrong;
            var serviceCode = ((string?)form["service_code"])?.Trim();
            if (string.IsNullOrEmpty(serviceCode))
                return Error(format, StatusCodes.Status400BadRequest, "service_code was not provided");
            if (!TryCoordinate(form["lat"], out var lat) || !TryCoordinate(form["long"], out var lon))
                return Error(format, StatusCodes.Status400BadRequest, "lat and long must be decimal WGS84 degrees");
            if ((lat is null) != (lon is null))
                return Error(format, StatusCodes.Status400BadRequest, "lat and long both need to be sent");
            // One of lat & long, address_string or address_id. Yiju has no master address repository, so an address_id
            // is kept as part of the address text for the staff who handle the request.
            string? address = Blank(form["address_string"]);
            if (Blank(form["address_id"]) is { } addressId)
                address = address is null ? $"address_id {addressId}" : $"{address} (address_id {addressId})";
            if (lat is null && address is null)
                return Error(format, StatusCodes.Status400BadRequest, "a location is required: lat and long, address_string or address_id");
            string? media = Blank(form["media_url"]);
            if (media is not null && (media.Length > MaxMediaUrlLength || !Uri.TryCreate(media, UriKind.Absolute, out var mediaUri)
                || mediaUri.Scheme is not ("http" or "https") || media.Any(char.IsWhiteSpace)))
                return Error(format, StatusCodes.Status400BadRequest, $"media_url must be an http or https URL of at most {MaxMediaUrlLength} characters");
            var typeKey = ((string?)form["attribute[request_type]"])?.Trim();
            var type = TicketType.Complaint;
            if (!string.IsNullOrEmpty(typeKey))
            {
                var match = Open311Requests.RequestTypes.FirstOrDefault(t => string.Equals(t.Key, typeKey, StringComparison.Ordinal));
                if (match.Key is null)
                    return Error(format, StatusCodes.Status400BadRequest, $"attribute[request_type] {typeKey} is not one of its values");
                type = match.Type;
            }
            var name = string.Join(' ', new[] { (string?)form["last_name"], (string?)form["first_name"] }.Where(s => !string.IsNullOrWhiteSpace(s)));
            // email, device_id and account_id are accepted and not kept: Yiju calls residents back by phone and has no
            // Open311 accounts (account_id is answered as null).
            var command = new IntakeCommand(type, serviceCode, Open311Requests.WithMedia(form["description"], media), Channel.Open311, Urgency.Normal, null,
                name.Length == 0 ? null : name, form["phone"], address, lat, lon);
            var key = request.Headers.TryGetValue("Idempotency-Key", out var header) && !StringValues.IsNullOrEmpty(header)
                ? $"o311:{client.Id}:{header}" : null;
            var outcome = await create.ByResident(command, "Open311 " + client.Name, key, requirePhone: false, ct);
            if (!outcome.Succeeded)
            {
                var status = outcome.Failure!.Errors?.ContainsKey("categoryCode") == true ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
                return Error(format, status, outcome.Failure.Message);
            }
            var body = new OArray("request", [Obj(("service_request_id", outcome.Value!.Number), ("service_notice", "已受理，可凭工单号查询进度 (accepted; follow it by its number)"), ("account_id", null))]);
            return Respond(body, "service_requests", format);
        }).DisableAntiforgery().WithName("Open311PostRequest");

        group.MapGet("/requests.{format}", async (string format, HttpRequest request, Open311Requests requests, CancellationToken ct) =>
        {
            if (!Known(format))
                return NotFound();
            var q = request.Query;
            if (UnknownJurisdiction(request, q["jurisdiction_id"], format) is { } wrong)
                return wrong;
            DateTime? start = null, end = null;
            if (!StringValues.IsNullOrEmpty(q["start_date"]))
            {
                if (!TryDate(q["start_date"], out var s))
                    return Error(format, StatusCodes.Status400BadRequest, "start_date must be ISO 8601 (e.g. 2026-11-01T00:00:00+08:00)");
                start = s;
            }
            if (!StringValues.IsNullOrEmpty(q["end_date"]))
            {
                if (!TryDate(q["end_date"], out var e))
                    return Error(format, StatusCodes.Status400BadRequest, "end_date must be ISO 8601 (e.g. 2026-11-30T23:59:59+08:00)");
                end = e;
            }
            var statuses = List(q["status"]);
            if (statuses.Any(s => s is not ("open" or "closed")))
                return Error(format, StatusCodes.Status400BadRequest, "status must be open or closed");
            var outcome = await requests.Find(new Open311Query(List(q["service_request_id"]), List(q["service_code"]), start, end, statuses), ct);
            return outcome.Succeeded
                ? Respond(new OArray("request", [.. outcome.Value!.Select(RequestNode)]), "service_requests", format)
                : Error(format, StatusCodes.Status400BadRequest, outcome.Failure!.Message);
        }).WithName("Open311GetRequests");

        group.MapGet("/requests/{id}.{format}", async (string id, string format, HttpRequest request, Open311Requests requests, CancellationToken ct) =>
        {
            if (!Known(format))
                return NotFound();
            if (UnknownJurisdiction(request, request.Query["jurisdiction_id"], format) is { } wrong)
                return wrong;
            var outcome = await requests.Find(new Open311Query([id], [], null, null, []), ct);
            return outcome.Succeeded && outcome.Value!.Count > 0
                ? Respond(new OArray("request", [.. outcome.Value.Select(RequestNode)]), "service_requests", format)
                : Error(format, StatusCodes.Status404NotFound, $"service_request_id {id} not found");
        }).WithName("Open311GetRequest");
    }

    private static ONode ServiceNode(Open311Service s) => Obj(("service_code", s.ServiceCode), ("service_name", s.ServiceName),
        ("description", s.Description), ("metadata", true), ("type", "realtime"), ("keywords", s.Keywords), ("group", s.Group));

    private static ONode RequestNode(Open311Request r) => Obj(
        ("service_request_id", r.ServiceRequestId), ("status", r.Status), ("status_notes", r.StatusNotes), ("service_name", r.ServiceName),
        ("service_code", r.ServiceCode), ("description", r.Description), ("agency_responsible", r.AgencyResponsible), ("service_notice", null),
        ("requested_datetime", r.RequestedDatetime), ("updated_datetime", r.UpdatedDatetime), ("expected_datetime", r.ExpectedDatetime),
        ("address", r.Address), ("address_id", null), ("zipcode", null), ("lat", r.Latitude), ("long", r.Longitude), ("media_url", r.MediaUrl));

    private static bool Known(string format) => format is Json or Xml;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// jurisdiction_id is optional for an endpoint that serves one jurisdiction; "optional" means absent and empty
    /// are the same. Any other value than this endpoint's is "jurisdiction_id provided was not found" (404).
    /// </summary>
    private static IResult? UnknownJurisdiction(HttpRequest request, StringValues given, string format)
    {
        var value = Blank(given);
        if (value is null)
            return null;
        var ours = request.HttpContext.RequestServices.GetService<IConfiguration>()?["Hotline:Open311:JurisdictionId"] ?? DefaultJurisdiction;
        return string.Equals(value, ours, StringComparison.OrdinalIgnoreCase)
            ? null
            : Error(format, StatusCodes.Status404NotFound, $"jurisdiction_id {value} not found; this endpoint serves {ours}");
    }

    private static IResult NotFound() => Results.NotFound();

    private static IResult Respond(ONode body, string rootName, string format, int status = StatusCodes.Status200OK) =>
        Results.Text(Encoding.UTF8.GetString(Write(body, rootName, format)), ContentType(format), Encoding.UTF8, status);

    /// <summary>The spec's error list: [{"code":400,"description":"…"}] or &lt;errors&gt;&lt;error&gt;…&lt;/error&gt;&lt;/errors&gt;, with the same HTTP status.</summary>
    private static IResult Error(string format, int status, string description) =>
        Respond(new OArray("error", [Obj(("code", status), ("description", description))]), "errors", format, status);

    private static IReadOnlyList<string> List(StringValues values) =>
        [.. values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Take(Open311Requests.MaxResults + 1)];

    private static bool TryCoordinate(StringValues value, out double? result)
    {
        result = null;
        if (StringValues.IsNullOrEmpty(value))
            return true;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
            return false;
        result = d;
        return true;
    }

    private static bool TryDate(StringValues value, out DateTime utc)
    {
        utc = default;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d))
            return false;
        utc = d.UtcDateTime;
        return true;
    }
}
