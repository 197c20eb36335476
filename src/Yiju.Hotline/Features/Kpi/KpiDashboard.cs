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
        var history = await configuration.Weights(ct);
        var weights = history.For(month);
        // The rates are sums of per-ticket outcomes (Kpis.Outcome), so the database counts them per holding unit in
        // one grouped scan of the month and only the groups come back: the same figures as computing over snapshots
        // (KpiCountsTests checks the two agree), without moving a month of tickets into the web process.
        var groups = await db.Tickets.AsNoTracking()
            .Where(t => t.FirstDispatchedAtUtc >= start && t.FirstDispatchedAtUtc < end)
            .GroupBy(t => new { Merged = t.Status == TicketStatus.Merged, t.CurrentUnitKind, t.CurrentUnitId })
            .Select(g => new KpiCounts(g.Key.Merged, g.Key.CurrentUnitKind, g.Key.CurrentUnitId, g.Count(),
                g.Count(t => t.SignForDueUtc != null && (t.SignedForAtUtc != null || t.SignForDueUtc <= now)),
                g.Count(t => t.SignForDueUtc != null && t.SignedForAtUtc != null && t.SignedForAtUtc <= t.SignForDueUtc),
                g.Count(t => t.CallbackResolved != null),
                g.Count(t => t.CallbackResolved == true),
                g.Count(t => t.CallbackSatisfaction == Satisfaction.Satisfied),
                g.Count(t => t.CallbackSatisfaction == Satisfaction.BasicallySatisfied),
                g.Count(t => t.CallbackSatisfaction == Satisfaction.Dissatisfied),
                g.Count(t => t.HandlingDueUtc != null && (t.RepliedAtUtc != null || t.HandlingDueUtc <= now)),
                g.Count(t => t.HandlingDueUtc != null && t.RepliedAtUtc != null && t.RepliedAtUtc <= t.HandlingDueUtc)))
            .ToListAsync(ct);
        var intake = await db.Tickets.AsNoTracking()
            .Where(t => t.AcceptedAtUtc >= start && t.AcceptedAtUtc < end)
            .GroupBy(t => 1)
            .Select(g => new { Accepted = g.Count(), AtIntake = g.Count(t => t.ResolvedAtIntake) })
            .FirstOrDefaultAsync(ct);
        var live = KpiCounts.Sum(groups.Where(g => !g.Merged));
        IReadOnlyList<RateFigure> rates =
        [
            Figure(KpiKind.Response, live.Response),
            Figure(KpiKind.Resolution, live.Resolution),
            Figure(KpiKind.Satisfaction, live.Satisfaction(weights.BasicallySatisfiedCredit)),
            Figure(KpiKind.OnTimeClosing, live.OnTimeClosing),
        ];
        var rankings = new List<Ranking>();
        foreach (var (kind, label) in new[] { (UnitKind.Department, "市直部门"), (UnitKind.District, "区、县(市)"), (UnitKind.Street, "街道、乡镇") })
        {
            var names = (await directory.Units(kind, ct)).ToDictionary(u => u.Id, u => u.Name);
            var scored = groups.Where(g => !g.Merged && g.UnitKind == kind && g.UnitId is not null)
                .GroupBy(g => g.UnitId!.Value)
                .Select(g => KpiCounts.Sum(g).Score(g.Key, weights))
                .ToList();
            var rows = Kpis.Rank(scored)
                .Select(s => new RankingRow(s.Rank, s.UnitId, names.GetValueOrDefault(s.UnitId) ?? s.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    s.Tickets, s.Composite, Figure(KpiKind.Response, s.Response), Figure(KpiKind.Resolution, s.Resolution),
                    Figure(KpiKind.Satisfaction, s.Satisfaction), Figure(KpiKind.OnTimeClosing, s.OnTimeClosing)))
                .ToList();
            rankings.Add(new Ranking(kind.ToString(), label, rows, weights.Version));
        }
        var callAnswer = CallRecords.AnswerRate(await calls.ForMonth(month, ct));
        return new Dashboard(month.ToString(), groups.Sum(g => g.Tickets), intake?.Accepted ?? 0, intake?.AtIntake ?? 0, rates, weights.Version, weights, rankings, callAnswer);
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

/// <summary>
/// Per-group counts of the KPI outcomes (numerators and denominators), as the database aggregates them; see
/// <see cref="Kpis.Outcome"/> for the per-ticket rule each count follows.
/// </summary>
public sealed record KpiCounts(bool Merged, UnitKind? UnitKind, long? UnitId, int Tickets,
    int ResponseCounted, int ResponseMet, int ResolutionCounted, int Resolved,
    int Satisfied, int BasicallySatisfied, int Dissatisfied, int OnTimeCounted, int OnTimeMet)
{
    public Rate Response => new(ResponseMet, ResponseCounted);

    public Rate Resolution => new(Resolved, ResolutionCounted);

    public Rate OnTimeClosing => new(OnTimeMet, OnTimeCounted);

    public Rate Satisfaction(double basicallySatisfiedCredit) =>
        new(Satisfied + (basicallySatisfiedCredit * BasicallySatisfied), Satisfied + BasicallySatisfied + Dissatisfied);

    public UnitScore Score(long unitId, KpiWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var satisfaction = Satisfaction(weights.BasicallySatisfiedCredit);
        return new UnitScore(unitId, Tickets, Response, Resolution, satisfaction, OnTimeClosing,
            Kpis.Composite(weights, Response, Resolution, satisfaction, OnTimeClosing), 0, weights.Version);
    }

    public static KpiCounts Sum(IEnumerable<KpiCounts> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var list = groups.ToList();
        return new KpiCounts(false, list.Select(g => g.UnitKind).Distinct().Count() == 1 ? list[0].UnitKind : null,
            list.Select(g => g.UnitId).Distinct().Count() == 1 ? list[0].UnitId : null,
            list.Sum(g => g.Tickets), list.Sum(g => g.ResponseCounted), list.Sum(g => g.ResponseMet), list.Sum(g => g.ResolutionCounted),
            list.Sum(g => g.Resolved), list.Sum(g => g.Satisfied), list.Sum(g => g.BasicallySatisfied), list.Sum(g => g.Dissatisfied),
            list.Sum(g => g.OnTimeCounted), list.Sum(g => g.OnTimeMet));
    }
}
