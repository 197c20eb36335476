using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Settings;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Kpi;

public sealed record RateFigure(string Kind, string Label, double Numerator, int Denominator, double? Value);

public sealed record RankingRow(int Rank, long UnitId, string UnitName, int Tickets, double? Composite,
    RateFigure Response, RateFigure Resolution, RateFigure Satisfaction, RateFigure OnTimeClosing);

/// <summary>One ranking with the weights version it was scored with, published beside it.</summary>
public sealed record Ranking(string Level, string Label, IReadOnlyList<RankingRow> Rows, int WeightsVersion);

/// <summary>The month's figures; <see cref="CallAnswer"/> comes from the recorded call counts, not from tickets.</summary>
public sealed record Dashboard(string Month, int Tickets, int Accepted, int ResolvedAtIntake, IReadOnlyList<RateFigure> Rates,
    int WeightsVersion, KpiWeights Weights, IReadOnlyList<Ranking> Rankings, RateFigure CallAnswer);

/// <summary>
/// The month's rates (tickets by month of first dispatch, Asia/Shanghai), each with numerator and denominator, and the
/// rankings of departments, districts and streets as receiving units, scored with the weights version in force.
/// </summary>
public sealed class KpiDashboard(IHotlineDb db, IHotlineDirectory directory, TimeProvider clock, HotlineConfiguration configuration, CallRecords calls)
{
    public async Task<Outcome<Dashboard>> Month(YearMonth month, Caller caller, CancellationToken ct)
    {
        if (await directory.ActorFor(caller, ct) is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        if (month.Month is < 1 or > 12 || month.Year is < 2000 or > 2100)
            return Failure.Invalid("month", "月份无效 (invalid month)");
        var now = clock.GetUtcNow().UtcDateTime;
        var (start, end) = (month.StartUtc, month.EndUtc);
        var snapshots = await db.Tickets.AsNoTracking()
            .Where(t => t.FirstDispatchedAtUtc >= start && t.FirstDispatchedAtUtc < end)
            .Select(t => new TicketSnapshot(t.Id, t.Type, t.CategoryCode, t.Urgency, t.Status, t.CurrentUnitId, t.CurrentUnitKind, t.DistrictId, t.StreetId,
                t.AcceptedAtUtc, t.FirstDispatchedAtUtc, t.SignForDueUtc, t.SignedForAtUtc, t.HandlingDueUtc, t.RepliedAtUtc, t.ClosedAtUtc,
                t.CallbackResolved, t.CallbackSatisfaction, t.ResolvedAtIntake, t.ReopenCount))
            .ToListAsync(ct);
        var accepted = await db.Tickets.AsNoTracking().CountAsync(t => t.AcceptedAtUtc >= start && t.AcceptedAtUtc < end, ct);
        var atIntake = await db.Tickets.AsNoTracking().CountAsync(t => t.AcceptedAtUtc >= start && t.AcceptedAtUtc < end && t.ResolvedAtIntake, ct);
        var history = await configuration.Weights(ct);
        var weights = history.For(month);
        var live = snapshots.Where(s => s.Status != TicketStatus.Merged).ToList();
        IReadOnlyList<RateFigure> rates =
        [
            Figure(KpiKind.Response, Kpis.Compute(KpiKind.Response, live, now)),
            Figure(KpiKind.Resolution, Kpis.Compute(KpiKind.Resolution, live, now)),
            Figure(KpiKind.Satisfaction, Kpis.Compute(KpiKind.Satisfaction, live, now, weights.BasicallySatisfiedCredit)),
            Figure(KpiKind.OnTimeClosing, Kpis.Compute(KpiKind.OnTimeClosing, live, now)),
        ];
        var rankings = new List<Ranking>();
        foreach (var (kind, label) in new[] { (UnitKind.Department, "市直部门"), (UnitKind.District, "区、县(市)"), (UnitKind.Street, "街道、乡镇") })
        {
            var names = (await directory.Units(kind, ct)).ToDictionary(u => u.Id, u => u.Name);
            var rows = Kpis.RankMonth(snapshots, month, Kpis.ByUnit(kind), history, now)
                .Select(s => new RankingRow(s.Rank, s.UnitId, names.GetValueOrDefault(s.UnitId) ?? s.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    s.Tickets, s.Composite, Figure(KpiKind.Response, s.Response), Figure(KpiKind.Resolution, s.Resolution),
                    Figure(KpiKind.Satisfaction, s.Satisfaction), Figure(KpiKind.OnTimeClosing, s.OnTimeClosing)))
                .ToList();
            rankings.Add(new Ranking(kind.ToString(), label, rows, weights.Version));
        }
        var callAnswer = CallRecords.AnswerRate(await calls.ForMonth(month, ct));
        return new Dashboard(month.ToString(), snapshots.Count, accepted, atIntake, rates, weights.Version, weights, rankings, callAnswer);
    }

    public static string Label(KpiKind kind) => kind switch
    {
        KpiKind.Response => "响应率",
        KpiKind.Resolution => "解决率",
        KpiKind.Satisfaction => "满意率",
        KpiKind.OnTimeClosing => "按期办结率",
    };

    private static RateFigure Figure(KpiKind kind, Rate rate) => new(kind.ToString(), Label(kind), rate.Numerator, rate.Denominator, rate.Value);
}
