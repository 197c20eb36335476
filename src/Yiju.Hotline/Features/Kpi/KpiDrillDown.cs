using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Queries;
using Yiju.Hotline.Features.Settings;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Kpi;

/// <summary>What a dashboard figure counts. Dispatched, the four rates: tickets by month of first dispatch; Accepted, AtIntake, Area: by month of acceptance.</summary>
public enum DrillKind
{
    Dispatched = 1,
    Response = 2,
    Resolution = 3,
    Satisfaction = 4,
    OnTimeClosing = 5,
    Accepted = 6,
    AtIntake = 7,
    /// <summary>Accepted in the month, merged duplicates left out: what the hotspot counts are made of.</summary>
    Area = 8,
}

/// <summary>Met: the tickets in a rate's numerator (score above 0); Missed: counted with score 0; All: the denominator.</summary>
public enum DrillOutcome
{
    All = 0,
    Met = 1,
    Missed = 2,
}

/// <summary>The filters of one figure: the same month, kind and group the dashboard used.</summary>
public sealed record DrillFilter(YearMonth Month, [property: JsonConverter(typeof(JsonStringEnumConverter))] DrillKind Kind, [property: JsonConverter(typeof(JsonStringEnumConverter))] DrillOutcome Outcome = DrillOutcome.All, [property: JsonConverter(typeof(JsonStringEnumConverter))] UnitKind? Level = null, long? UnitId = null,
    string? Category = null, long? DistrictId = null, long? StreetId = null, int Page = 1)
{
    public const int PageSize = 50;

    /// <summary>The page URL with these filters, for links from the dashboard, rankings and hotspots.</summary>
    public string ToUrl(int? page = null)
    {
        var parts = new List<string> { $"month={Month}", $"kind={Kind}" };
        if (Outcome != DrillOutcome.All) parts.Add($"outcome={Outcome}");
        if (Level is { } level && UnitId is { } unit) parts.Add(string.Create(CultureInfo.InvariantCulture, $"level={level}&unit={unit}"));
        if (!string.IsNullOrEmpty(Category)) parts.Add($"category={Uri.EscapeDataString(Category)}");
        if (DistrictId is { } d) parts.Add(string.Create(CultureInfo.InvariantCulture, $"district={d}"));
        if (StreetId is { } s) parts.Add(string.Create(CultureInfo.InvariantCulture, $"street={s}"));
        if ((page ?? Page) > 1) parts.Add(string.Create(CultureInfo.InvariantCulture, $"p={page ?? Page}"));
        return "/hotline/kpi/tickets?" + string.Join("&", parts);
    }
}

public sealed record DrillRow(TicketRow Ticket, double? Score);

/// <summary>The tickets behind a figure that the caller may see (<see cref="Total"/>); a unit sees only its own, so its list can be shorter than the city figure.</summary>
public sealed record DrillPage(DrillFilter Filter, string Description, int Total, int Page, int PageSize, IReadOnlyList<DrillRow> Rows, bool ScopeLimited, int WeightsVersion);

/// <summary>
/// 下钻: every number on the dashboard, in the rankings and in the hotspots opens the list of tickets behind it. The
/// counting rules are those of <see cref="Kpis.Outcome"/>, written as queries so the list pages in the database; the read
/// scope of <see cref="TicketScope.VisibleTo"/> applies on top, so a street sees only its own tickets.
/// </summary>
public sealed class KpiDrillDown(IHotlineDb db, IHotlineDirectory directory, HotlineConfiguration configuration, StatusLabels labels, TimeProvider clock)
{
    public async Task<Outcome<DrillPage>> Tickets(DrillFilter filter, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var actor = await directory.ActorFor(caller, ct);
        if (actor is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        if (!Enum.IsDefined(filter.Kind) || !Enum.IsDefined(filter.Outcome))
            return Failure.Invalid("kind", "未知指标 (unknown figure)");
        if (filter.Category is { Length: > 80 })
            return Failure.Invalid("category", "分类代码过长 (category code too long)");
        if ((filter.Level is null) != (filter.UnitId is null) || filter.Level is UnitKind.Centre)
            return Failure.Invalid("unit", "单位层级和单位须同时给出 (level and unit go together)");
        var now = clock.GetUtcNow().UtcDateTime;
        var weights = (await configuration.Weights(ct)).For(filter.Month);
        var (start, end) = (filter.Month.StartUtc, filter.Month.EndUtc);

        var query = db.Tickets.AsNoTracking();
        query = filter.Kind is DrillKind.Accepted or DrillKind.AtIntake or DrillKind.Area
            ? query.Where(t => t.AcceptedAtUtc >= start && t.AcceptedAtUtc < end)
            : query.Where(t => t.FirstDispatchedAtUtc >= start && t.FirstDispatchedAtUtc < end);
        // The dashboard's dispatched count includes merged tickets; its rates, rankings and hotspots do not.
        if (filter.Kind is not (DrillKind.Dispatched or DrillKind.Accepted or DrillKind.AtIntake) || filter.Level is not null)
            query = query.Where(t => t.Status != TicketStatus.Merged);
        if (filter.Kind == DrillKind.AtIntake)
            query = query.Where(t => t.ResolvedAtIntake);
        if (filter.Level is { } level && filter.UnitId is { } unitId)
            query = query.Where(t => t.CurrentUnitKind == level && t.CurrentUnitId == unitId);
        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            var prefix = filter.Category.Trim();
            query = query.Where(t => t.CategoryCode == prefix || t.CategoryCode.StartsWith(prefix + "."));
        }
        if (filter.DistrictId is { } district)
            query = query.Where(t => t.DistrictId == district);
        if (filter.StreetId is { } street)
            query = query.Where(t => t.StreetId == street);
        if (Counted(filter.Kind, now) is { } counted)
            query = query.Where(counted);
        if (filter.Outcome != DrillOutcome.All && Met(filter.Kind, weights.BasicallySatisfiedCredit) is { } met)
            query = filter.Outcome == DrillOutcome.Met ? query.Where(met) : query.Where(Not(met));

        var all = await query.CountAsync(ct);
        var scoped = query.Where(TicketScope.VisibleTo(actor));
        var total = await scoped.CountAsync(ct);
        var page = Math.Max(1, filter.Page);
        var tickets = await scoped.OrderBy(t => t.AcceptedAtUtc).ThenBy(t => t.Number)
            .Skip((page - 1) * DrillFilter.PageSize).Take(DrillFilter.PageSize).ToListAsync(ct);
        var policy = configuration.Policy();
        var kpi = KpiOf(filter.Kind);
        var rows = tickets.Select(t => new DrillRow(TicketMapping.ToRow(t, actor, policy, now, labels),
            kpi is { } k ? Kpis.Outcome(k, t.ToSnapshot(), now, weights.BasicallySatisfiedCredit) : null)).ToList();
        return new DrillPage(filter with { Page = page }, Describe(filter), total, page, DrillFilter.PageSize, rows, total < all, weights.Version);
    }

    public static KpiKind? KpiOf(DrillKind kind) => kind switch
    {
        DrillKind.Response => KpiKind.Response,
        DrillKind.Resolution => KpiKind.Resolution,
        DrillKind.Satisfaction => KpiKind.Satisfaction,
        DrillKind.OnTimeClosing => KpiKind.OnTimeClosing,
        _ => null,
    };

    private static string Describe(DrillFilter f)
    {
        var what = f.Kind switch
        {
            DrillKind.Dispatched => "当月首次派单的工单 (first dispatched in the month)",
            DrillKind.Response => "响应率：已到签收期限或已签收的工单 (response rate: sign-for deadline passed or signed for)",
            DrillKind.Resolution => "解决率：已回访的工单 (resolution rate: called back)",
            DrillKind.Satisfaction => "满意率：已评价的回访 (satisfaction rate: rated callbacks)",
            DrillKind.OnTimeClosing => "按期办结率：已到办理期限或已回复的工单 (on-time closing: handling deadline passed or replied)",
            DrillKind.Accepted => "当月受理的工单 (accepted in the month)",
            DrillKind.AtIntake => "当月直接办结的工单 (resolved at intake in the month)",
            DrillKind.Area => "当月受理的工单，不含已合并 (accepted in the month, merged duplicates excluded)",
            _ => f.Kind.ToString(),
        };
        var outcome = f.Outcome switch
        {
            DrillOutcome.Met => " · 计入分子 (in the numerator)",
            DrillOutcome.Missed => " · 未达标 (missed)",
            _ => string.Empty,
        };
        return what + outcome;
    }

    /// <summary>Which tickets a rate counts (its denominator); null: every ticket of the month counts.</summary>
    private static Expression<Func<Ticket, bool>>? Counted(DrillKind kind, DateTime now) => kind switch
    {
        DrillKind.Response => t => t.SignForDueUtc != null && (t.SignedForAtUtc != null || t.SignForDueUtc <= now),
        DrillKind.OnTimeClosing => t => t.HandlingDueUtc != null && (t.RepliedAtUtc != null || t.HandlingDueUtc <= now),
        DrillKind.Resolution => t => t.CallbackResolved != null,
        DrillKind.Satisfaction => t => t.CallbackSatisfaction != null,
        _ => null,
    };

    /// <summary>The counted tickets whose score is above 0, i.e. that add to the numerator.</summary>
    private static Expression<Func<Ticket, bool>>? Met(DrillKind kind, double basicallySatisfiedCredit) => kind switch
    {
        DrillKind.Response => t => t.SignedForAtUtc != null && t.SignedForAtUtc <= t.SignForDueUtc,
        DrillKind.OnTimeClosing => t => t.RepliedAtUtc != null && t.RepliedAtUtc <= t.HandlingDueUtc,
        DrillKind.Resolution => t => t.CallbackResolved == true,
        DrillKind.Satisfaction when basicallySatisfiedCredit > 0 => t => t.CallbackSatisfaction == Satisfaction.Satisfied || t.CallbackSatisfaction == Satisfaction.BasicallySatisfied,
        DrillKind.Satisfaction => t => t.CallbackSatisfaction == Satisfaction.Satisfied,
        _ => null,
    };

    private static Expression<Func<Ticket, bool>> Not(Expression<Func<Ticket, bool>> predicate) =>
        Expression.Lambda<Func<Ticket, bool>>(Expression.Not(predicate.Body), predicate.Parameters);
}
