using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Queries;
using Yiju.Kernel;

namespace Yiju.Hotline.Features.Open311;

public sealed record Open311Service(string ServiceCode, string ServiceName, string Description, string Group, string Keywords);

/// <summary>One GeoReport v2 service request; service_request_id is the ticket number.</summary>
public sealed record Open311Request(
    string ServiceRequestId, string Status, string? StatusNotes, string ServiceName, string ServiceCode, string Description,
    string? AgencyResponsible, DateTimeOffset RequestedDatetime, DateTimeOffset UpdatedDatetime, DateTimeOffset? ExpectedDatetime,
    string? Address, double? Latitude, double? Longitude, string? MediaUrl = null);

public sealed record Open311Query(IReadOnlyList<string> Ids, IReadOnlyList<string> ServiceCodes, DateTime? StartUtc, DateTime? EndUtc, IReadOnlyList<string> Statuses);

/// <summary>The read side of GeoReport v2 over tickets, with the spec's defaults: the last 90 days, at most 1,000 requests.</summary>
public sealed class Open311Requests(IHotlineDb db, TimeProvider clock)
{
    public const int DefaultDays = 90;
    public const int MaxResults = 1000;

    /// <summary>The request type attribute every service takes (attribute[request_type]); complaint when absent.</summary>
    public static readonly IReadOnlyList<(TicketType Type, string Key, string Name)> RequestTypes =
    [
        (TicketType.Complaint, "complaint", "投诉 Complaint"),
        (TicketType.Help, "help", "求助 Request for help"),
        (TicketType.Consultation, "consultation", "咨询 Consultation"),
        (TicketType.Suggestion, "suggestion", "建议 Suggestion"),
        (TicketType.Praise, "praise", "表扬 Praise"),
    ];

    public async Task<IReadOnlyList<Open311Service>> Services(CancellationToken ct)
    {
        var all = await db.Categories.AsNoTracking().Where(c => c.IsActive).ToListAsync(ct);
        var parents = all.Where(c => c.ParentCode is null).ToDictionary(c => c.Code, StringComparer.Ordinal);
        return [.. all.Where(c => c.ParentCode is not null && parents.ContainsKey(c.ParentCode))
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new Open311Service(c.Code, c.NameZh, $"{c.NameZh} ({c.NameEn})", parents[c.ParentCode!].NameZh, string.Join(",", c.Keywords)))];
    }

    public async Task<Open311Service?> Service(string code, CancellationToken ct) =>
        (await Services(ct)).FirstOrDefault(s => string.Equals(s.ServiceCode, code, StringComparison.Ordinal));

    public async Task<Outcome<IReadOnlyList<Open311Request>>> Find(Open311Query query, CancellationToken ct)
    {
        // Merged duplicates stay readable: a client that posted one gets it back as closed, naming the ticket it joined.
        var tickets = db.Tickets.AsNoTracking();
        if (query.Ids.Count > 0)
        {
            // The spec: with service_request_id every other parameter is ignored.
            if (query.Ids.Count > MaxResults)
                return Failure.Invalid("service_request_id", "too many ids");
            var ids = query.Ids.ToList();
            tickets = tickets.Where(t => ids.Contains(t.Number));
        }
        else
        {
            // "When not specified, the range defaults to most recent 90 days"; a given range "may not span more than 90 days".
            DateTime start, end;
            if (query.StartUtc is { } s && query.EndUtc is { } e)
                (start, end) = (s, e);
            else if (query.StartUtc is { } s1)
                (start, end) = (s1, s1.AddDays(DefaultDays));
            else
            {
                end = query.EndUtc ?? clock.GetUtcNow().UtcDateTime;
                start = end.AddDays(-DefaultDays);
            }
            if (start > end)
                return Failure.Invalid("start_date", "start_date is after end_date");
            if (end - start > TimeSpan.FromDays(DefaultDays))
                return Failure.Invalid("end_date", $"start_date and end_date may not span more than {DefaultDays} days");
            tickets = tickets.Where(t => t.AcceptedAtUtc >= start && t.AcceptedAtUtc <= end);
            if (query.ServiceCodes.Count > 0)
            {
                var codes = query.ServiceCodes.ToList();
                tickets = tickets.Where(t => codes.Contains(t.CategoryCode));
            }
            var open = query.Statuses.Contains("open");
            var closed = query.Statuses.Contains("closed");
            if (open != closed)
            {
                tickets = closed
                    ? tickets.Where(t => t.Status == TicketStatus.Closed || t.Status == TicketStatus.Merged)
                    : tickets.Where(t => t.Status != TicketStatus.Closed && t.Status != TicketStatus.Merged);
            }
        }
        var rows = await tickets.OrderByDescending(t => t.AcceptedAtUtc).Take(MaxResults)
            .Select(t => new
            {
                Ticket = t,
                Updated = db.TicketEvents.Where(e => e.TicketId == t.Id).Max(e => (DateTime?)e.AtUtc),
                Service = db.Categories.Where(c => c.Code == t.CategoryCode).Select(c => c.NameZh).FirstOrDefault(),
                MergedInto = t.MergedIntoTicketId == null ? null : db.Tickets.Where(m => m.Id == t.MergedIntoTicketId).Select(m => m.Number).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => ToRequest(r.Ticket, r.Updated, r.Service, r.MergedInto)).ToList();
    }

    /// <summary>
    /// Open311's media_url has no column of its own: it is kept at the end of the citizen's text behind this marker,
    /// where staff see it, and read back from there into media_url.
    /// </summary>
    public const string MediaMarker = "\n\n[media_url] ";

    public static string WithMedia(string? description, string? mediaUrl) =>
        string.IsNullOrEmpty(mediaUrl) ? description ?? string.Empty : (description ?? string.Empty) + MediaMarker + mediaUrl;

    public static (string Description, string? MediaUrl) SplitMedia(string text, string originalText)
    {
        var at = originalText.LastIndexOf(MediaMarker, StringComparison.Ordinal);
        if (at < 0)
            return (text, null);
        var url = originalText[(at + MediaMarker.Length)..];
        var own = text.LastIndexOf(MediaMarker, StringComparison.Ordinal);
        return (own >= 0 ? text[..own] : text, url);
    }

    private static Open311Request ToRequest(Ticket t, DateTime? updated, string? serviceName, string? mergedInto)
    {
        var (description, media) = SplitMedia(t.Text, t.OriginalText);
        // "For requests with status=closed, [updated_datetime] will be the date the request was closed."
        var updatedAt = t.Status == TicketStatus.Closed && t.ClosedAtUtc is { } closedAt ? closedAt : updated ?? t.AcceptedAtUtc;
        var notes = t.Status switch
        {
            TicketStatus.Closed => t.ReplyText,
            TicketStatus.Merged => $"重复诉求，已并入 {mergedInto} (Duplicate request, merged into {mergedInto})",
            _ => StatusLabels.Default.LabelZh(t.Status),
        };
        return new(t.Number, StatusLabels.Open311Status(t.Status), notes,
            serviceName ?? t.CategoryCode, t.CategoryCode, description, t.CurrentUnitName,
            TicketMapping.At(t.AcceptedAtUtc), TicketMapping.At(updatedAt), TicketMapping.At(t.HandlingDueUtc),
            t.Address, t.Latitude, t.Longitude, media);
    }
}
