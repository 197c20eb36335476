using Yiju.Kernel.Calendar;

namespace Yiju.Hotline.Domain;

/// <summary>A calendar month in Asia/Shanghai, the period KPIs and rankings are published for.</summary>
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    public DateTime StartUtc => ChinaTime.StartOfDayUtc(new DateOnly(Year, Month, 1));
    public DateTime EndUtc => Next().StartUtc;

    public static YearMonth Of(DateTime utc)
    {
        var date = ChinaTime.DateOf(utc);
        return new YearMonth(date.Year, date.Month);
    }

    public bool Contains(DateTime? utc) => utc is { } t && t >= StartUtc && t < EndUtc;

    public YearMonth Next() => AddMonths(1);

    public YearMonth AddMonths(int months)
    {
        var index = (Year * 12) + (Month - 1) + months;
        return new YearMonth(index / 12, (index % 12) + 1);
    }

    public int CompareTo(YearMonth other) => ((Year * 12) + Month).CompareTo((other.Year * 12) + other.Month);

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}

/// <summary>A ratio with its parts, so that every published figure can be checked and drilled into. Value is null when nothing was counted.</summary>
public readonly record struct Rate(double Numerator, int Denominator)
{
    public double? Value => Denominator == 0 ? null : Numerator / Denominator;
}

public enum KpiKind
{
    /// <summary>响应率: dispatched tickets signed for by the sign-for deadline.</summary>
    Response = 1,
    /// <summary>解决率: called-back tickets the citizen says were resolved.</summary>
    Resolution = 2,
    /// <summary>满意率: rated callbacks counted as satisfied (see <see cref="KpiWeights.BasicallySatisfiedCredit"/>).</summary>
    Satisfaction = 3,
    /// <summary>按期办结率: tickets the unit replied to (finished) by the handling deadline.</summary>
    OnTimeClosing = 4,
}

/// <summary>
/// Weights of the composite score, versioned so that each published ranking names the weights it used.
/// <see cref="BasicallySatisfiedCredit"/> is how much a 基本满意 counts towards the satisfaction rate:
/// 1.0 counts it as satisfied (Yiju's default, following the three-level 满意/基本满意/不满意 scale
/// used by Beijing's 接诉即办, where 满意率 is reported over 满意 + 基本满意); 0.5 or 0 make it stricter.
/// </summary>
public sealed record KpiWeights(
    int Version,
    DateOnly EffectiveFrom,
    double Response,
    double Resolution,
    double Satisfaction,
    double OnTimeClosing,
    double BasicallySatisfiedCredit = 1.0)
{
    /// <summary>Version 1: resolution and satisfaction dominate, as in the 三率 schemes; cities publish their own.</summary>
    public static KpiWeights Default { get; } = new(1, new DateOnly(2026, 1, 1), 0.10, 0.40, 0.40, 0.10);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        double[] all = [Response, Resolution, Satisfaction, OnTimeClosing];
        if (all.Any(w => w < 0 || !double.IsFinite(w)))
        {
            errors.Add("权重不能为负 (weights must be non-negative).");
        }

        if (Math.Abs(all.Sum() - 1) > 1e-9)
        {
            errors.Add("权重之和须为1 (weights must sum to 1).");
        }

        if (BasicallySatisfiedCredit is < 0 or > 1)
        {
            errors.Add("基本满意计分须在0到1之间 (basically-satisfied credit must be within [0, 1]).");
        }

        return errors;
    }

    public double WeightOf(KpiKind kind) => kind switch
    {
        KpiKind.Response => Response,
        KpiKind.Resolution => Resolution,
        KpiKind.Satisfaction => Satisfaction,
        KpiKind.OnTimeClosing => OnTimeClosing,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>All weight versions; a month is scored with the latest version effective on its first day.</summary>
public sealed class KpiWeightHistory
{
    private readonly List<KpiWeights> _versions;

    public KpiWeightHistory(IEnumerable<KpiWeights> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        _versions = [.. versions.OrderBy(v => v.EffectiveFrom)];
        if (_versions.Count == 0)
        {
            throw new ArgumentException("At least one weight version is needed.", nameof(versions));
        }

        var invalid = _versions.FirstOrDefault(v => v.Validate().Count > 0);
        if (invalid is not null)
        {
            throw new ArgumentException($"Weights version {invalid.Version}: {string.Join(" ", invalid.Validate())}", nameof(versions));
        }

        if (_versions.Select(v => v.Version).Distinct().Count() != _versions.Count)
        {
            throw new ArgumentException("Weight version numbers must be unique.", nameof(versions));
        }
    }

    public IReadOnlyList<KpiWeights> Versions => _versions;

    public KpiWeights For(YearMonth month)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        return _versions.LastOrDefault(v => v.EffectiveFrom <= first) ?? _versions[0];
    }
}

public sealed record UnitScore(
    long UnitId,
    int Tickets,
    Rate Response,
    Rate Resolution,
    Rate Satisfaction,
    Rate OnTimeClosing,
    double? Composite,
    int Rank,
    int WeightsVersion);

public sealed record CallCounts(YearMonth Month, int Incoming, int Answered);

/// <summary>One month of the headline rates, for trend charts.</summary>
public sealed record MonthlyRates(YearMonth Month, int Tickets, Rate Response, Rate Resolution, Rate Satisfaction, Rate OnTimeClosing);

/// <summary>
/// The programme's petition targets (Harbin's 和谐家园 action: "到2026年，信访事项时限内办结率达到100%",
/// and the issue's satisfaction target of at least 70%), checked on petition tickets only.
/// </summary>
public sealed record PetitionTargetCheck(Rate OnTime, Rate Satisfaction, bool OnTimeMet, bool SatisfactionMet)
{
    public const double OnTimeTarget = 1.0;
    public const double SatisfactionTarget = 0.70;
}

/// <summary>The hotline's rates as pure functions over ticket snapshots and "now".</summary>
public static class Kpis
{
    /// <summary>
    /// Whether a ticket counts for a KPI (null: not in the denominator) and whether it succeeds.
    /// A deadline not yet passed and not yet met is not counted: the outcome is unknown.
    /// Figures use each ticket's latest dispatch, so a reopened ticket is judged on its latest round.
    /// </summary>
    public static double? Outcome(KpiKind kind, TicketSnapshot t, DateTime nowUtc, double basicallySatisfiedCredit = 1.0)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Status == TicketStatus.Merged)
        {
            return null;
        }

        return kind switch
        {
            KpiKind.Response => DeadlineOutcome(t.SignForDueUtc, t.SignedForAtUtc, nowUtc),
            KpiKind.Resolution => t.CallbackResolved is { } resolved ? (resolved ? 1 : 0) : null,
            KpiKind.Satisfaction => t.CallbackSatisfaction switch
            {
                Domain.Satisfaction.Satisfied => 1,
                Domain.Satisfaction.BasicallySatisfied => basicallySatisfiedCredit,
                Domain.Satisfaction.Dissatisfied => 0,
                _ => null,
            },
            KpiKind.OnTimeClosing => DeadlineOutcome(t.HandlingDueUtc, t.RepliedAtUtc, nowUtc),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    public static Rate Compute(KpiKind kind, IEnumerable<TicketSnapshot> tickets, DateTime nowUtc, double basicallySatisfiedCredit = 1.0)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        double numerator = 0;
        var denominator = 0;
        foreach (var t in tickets)
        {
            if (Outcome(kind, t, nowUtc, basicallySatisfiedCredit) is { } score)
            {
                numerator += score;
                denominator++;
            }
        }

        return new Rate(numerator, denominator);
    }

    /// <summary>The tickets behind a figure: each counted ticket with its score (1 met, 0 missed, fractions for 基本满意 if so weighted).</summary>
    public static IReadOnlyList<(Guid TicketId, double Score)> DrillDown(KpiKind kind, IEnumerable<TicketSnapshot> tickets, DateTime nowUtc, double basicallySatisfiedCredit = 1.0) =>
        [.. tickets.Select(t => (t.Id, Score: Outcome(kind, t, nowUtc, basicallySatisfiedCredit)))
            .Where(x => x.Score is not null)
            .Select(x => (x.Id, x.Score!.Value))];

    /// <summary>接听率 from the telephony system's recorded counts.</summary>
    public static Rate CallAnswerRate(IEnumerable<CallCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var list = counts.ToList();
        if (list.Any(c => c.Incoming < 0 || c.Answered < 0 || c.Answered > c.Incoming))
        {
            throw new ArgumentException("Answered calls must be between 0 and the incoming calls.", nameof(counts));
        }

        return new Rate(list.Sum(c => c.Answered), list.Sum(c => c.Incoming));
    }

    /// <summary>
    /// Weighted sum of the available rates on a 0–100 scale. A rate with nothing to count
    /// (e.g. no callbacks yet) drops out and the remaining weights are rescaled, so a unit is
    /// neither rewarded nor punished for an empty measure; null when nothing at all can be counted.
    /// </summary>
    public static double? Composite(KpiWeights weights, Rate response, Rate resolution, Rate satisfaction, Rate onTime)
    {
        ArgumentNullException.ThrowIfNull(weights);
        (double Weight, double? Value)[] parts =
        [
            (weights.Response, response.Value),
            (weights.Resolution, resolution.Value),
            (weights.Satisfaction, satisfaction.Value),
            (weights.OnTimeClosing, onTime.Value),
        ];
        var present = parts.Where(p => p.Value is not null && p.Weight > 0).ToList();
        var weightSum = present.Sum(p => p.Weight);
        return weightSum == 0 ? null : 100 * present.Sum(p => p.Weight * p.Value!.Value) / weightSum;
    }

    /// <summary>
    /// Monthly ranking. A ticket belongs to the month (Asia/Shanghai) of its first dispatch and to
    /// the group <paramref name="groupOf"/> gives it (e.g. <see cref="ByUnit"/>, <see cref="ByDistrict"/>).
    /// Ties share a rank (1, 1, 3); groups with fewer than <paramref name="minTickets"/> tickets are listed unranked (rank 0).
    /// </summary>
    public static IReadOnlyList<UnitScore> RankMonth(
        IEnumerable<TicketSnapshot> tickets, YearMonth month, Func<TicketSnapshot, long?> groupOf,
        KpiWeightHistory weights, DateTime nowUtc, int minTickets = 1)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(groupOf);
        ArgumentNullException.ThrowIfNull(weights);
        var w = weights.For(month);
        var scored = tickets
            .Where(t => month.Contains(t.FirstDispatchedAtUtc) && t.Status != TicketStatus.Merged)
            .Select(t => (Group: groupOf(t), Ticket: t))
            .Where(x => x.Group is not null)
            .GroupBy(x => x.Group!.Value, x => x.Ticket)
            .Select(g =>
            {
                var list = g.ToList();
                var response = Compute(KpiKind.Response, list, nowUtc);
                var resolution = Compute(KpiKind.Resolution, list, nowUtc);
                var satisfaction = Compute(KpiKind.Satisfaction, list, nowUtc, w.BasicallySatisfiedCredit);
                var onTime = Compute(KpiKind.OnTimeClosing, list, nowUtc);
                return new UnitScore(g.Key, list.Count, response, resolution, satisfaction, onTime,
                    Composite(w, response, resolution, satisfaction, onTime), 0, w.Version);
            })
            .ToList();

        return Rank(scored, minTickets);
    }

    /// <summary>
    /// Ranks scored groups (from <see cref="RankMonth"/>, or from counts aggregated by the database): by composite,
    /// ties share a rank (1, 1, 3); groups with fewer than <paramref name="minTickets"/> tickets or no composite are
    /// listed after the ranked ones, unranked (rank 0).
    /// </summary>
    public static IReadOnlyList<UnitScore> Rank(IReadOnlyList<UnitScore> scored, int minTickets = 1)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var rankable = scored.Where(s => s.Tickets >= minTickets && s.Composite is not null)
            .OrderByDescending(s => s.Composite).ThenBy(s => s.UnitId).ToList();
        var ranked = new List<UnitScore>(scored.Count);
        for (var i = 0; i < rankable.Count; i++)
        {
            var tie = i > 0 && Math.Abs(rankable[i].Composite!.Value - rankable[i - 1].Composite!.Value) < 1e-9;
            var rank = tie ? ranked[i - 1].Rank : i + 1;
            ranked.Add(rankable[i] with { Rank = rank });
        }

        ranked.AddRange(scored.Except(rankable).OrderBy(s => s.UnitId));
        return ranked;
    }

    /// <summary>The rates for each month from <paramref name="first"/> to <paramref name="last"/> (tickets by month of first dispatch); months without tickets are included with empty rates.</summary>
    public static IReadOnlyList<MonthlyRates> Trend(IEnumerable<TicketSnapshot> tickets, YearMonth first, YearMonth last, DateTime nowUtc, double basicallySatisfiedCredit = 1.0)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var byMonth = tickets
            .Where(t => t.FirstDispatchedAtUtc is not null && t.Status != TicketStatus.Merged)
            .GroupBy(t => YearMonth.Of(t.FirstDispatchedAtUtc!.Value))
            .ToDictionary(g => g.Key, g => g.ToList());
        var result = new List<MonthlyRates>();
        for (var month = first; month.CompareTo(last) <= 0; month = month.Next())
        {
            var list = byMonth.GetValueOrDefault(month) ?? [];
            result.Add(new MonthlyRates(month, list.Count,
                Compute(KpiKind.Response, list, nowUtc),
                Compute(KpiKind.Resolution, list, nowUtc),
                Compute(KpiKind.Satisfaction, list, nowUtc, basicallySatisfiedCredit),
                Compute(KpiKind.OnTimeClosing, list, nowUtc)));
        }

        return result;
    }

    /// <summary>
    /// Petition figures against the programme's targets. On time here means closed by the (possibly
    /// extended, at most 30 days) statutory handling deadline; a target with nothing to count is not met.
    /// </summary>
    public static PetitionTargetCheck PetitionTargets(IEnumerable<TicketSnapshot> tickets, DateTime nowUtc, double basicallySatisfiedCredit = 1.0)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var petitions = tickets.Where(t => t.Type == TicketType.Petition).ToList();
        var onTime = Compute(KpiKind.OnTimeClosing, petitions, nowUtc);
        var satisfaction = Compute(KpiKind.Satisfaction, petitions, nowUtc, basicallySatisfiedCredit);
        return new PetitionTargetCheck(onTime, satisfaction,
            onTime.Value >= PetitionTargetCheck.OnTimeTarget,
            satisfaction.Value >= PetitionTargetCheck.SatisfactionTarget);
    }

    /// <summary>Groups by the unit holding the ticket, for one level (departments, districts or streets as receiving units).</summary>
    public static Func<TicketSnapshot, long?> ByUnit(UnitKind kind) => t => t.UnitKind == kind ? t.UnitId : null;

    /// <summary>Groups by the district where the problem is, whoever handles it (territorial ranking).</summary>
    public static Func<TicketSnapshot, long?> ByDistrict => t => t.DistrictId;

    public static Func<TicketSnapshot, long?> ByStreet => t => t.StreetId;

    private static double? DeadlineOutcome(DateTime? due, DateTime? done, DateTime nowUtc) => (due, done) switch
    {
        (null, _) => null,
        ({ } d, { } at) => at <= d ? 1 : 0,
        ({ } d, null) => nowUtc >= d ? 0 : null,
    };
}
