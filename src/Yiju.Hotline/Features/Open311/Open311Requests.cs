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
    string? Address, double? Latitude, double? Longitude);

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
        var tickets = db.Tickets.AsNoTracking().Where(t => t.Status != TicketStatus.Merged);
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
            var end = query.EndUtc ?? clock.GetUtcNow().UtcDateTime;
            var start = query.StartUtc ?? end.AddDays(-DefaultDays);
            if (start > end)
                return Failure.Invalid("start_date", "start_date is after end_date");
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
                    ? tickets.Where(t => t.Status == TicketStatus.Closed)
                    : tickets.Where(t => t.Status != TicketStatus.Closed);
            }
        }
        var rows = await tickets.OrderByDescending(t => t.AcceptedAtUtc).Take(MaxResults)
            .Select(t => new
            {
                Ticket = t,
                Updated = db.TicketEvents.Where(e => e.TicketId == t.Id).Max(e => (DateTime?)e.AtUtc),
                Service = db.Categories.Where(c => c.Code == t.CategoryCode).Select(c => c.NameZh).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => ToRequest(r.Ticket, r.Updated, r.Service)).ToList();
    }

    private static Open311Request ToRequest(Ticket t, DateTime? updated, string? serviceName) => new(
        t.Number, StatusLabels.Open311Status(t.Status),
        t.Status == TicketStatus.Closed ? t.ReplyText : StatusLabels.Default.LabelZh(t.Status),
        serviceName ?? t.CategoryCode, t.CategoryCode, t.Text, t.CurrentUnitName,
        TicketMapping.At(t.AcceptedAtUtc), TicketMapping.At(updated ?? t.AcceptedAtUtc), TicketMapping.At(t.HandlingDueUtc),
        t.Address, t.Latitude, t.Longitude);
}
