using Yiju.Hotline.Domain;

namespace Yiju.UnitTests.Hotline;

public class KpiTests
{
    private static readonly DateTime March = new(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 4, 15, 0, 0, 0, DateTimeKind.Utc);

    private static TicketSnapshot Snap(
        long? unit = null, DateTime? dispatched = null, double signHours = 1, double? signedAfterHours = 0.5,
        double? repliedAfterDays = 2, bool? resolved = true, Satisfaction? satisfaction = Satisfaction.Satisfied,
        TicketStatus status = TicketStatus.Closed, long? district = null, long? street = null, string category = "heating.outage", DateTime? accepted = null)
    {
        var d = dispatched ?? March;
        return new TicketSnapshot(Guid.NewGuid(), TicketType.Complaint, category, Urgency.Normal, status, unit, UnitKind.Department,
            district, street, accepted ?? d, d, d.AddHours(signHours), signedAfterHours is { } s ? d.AddHours(s) : null,
            d.AddDays(5), repliedAfterDays is { } r ? d.AddDays(r) : null, null, resolved, satisfaction, false, 0);
    }

    [Fact]
    public void Response_rate_counts_signed_in_time_and_leaves_out_what_is_not_yet_due()
    {
        TicketSnapshot[] tickets =
        [
            Snap(signedAfterHours: 0.5),
            Snap(signedAfterHours: 3),                         // late
            Snap(signedAfterHours: null),                      // never signed, deadline passed
            Snap(dispatched: Now.AddMinutes(-10), signedAfterHours: null), // not yet due: unknown
        ];
        var rate = Kpis.Compute(KpiKind.Response, tickets, Now);
        Assert.Equal(new Rate(1, 3), rate);
        Assert.Equal(1.0 / 3, rate.Value!.Value, 9);
    }

    [Fact]
    public void Satisfaction_counts_basically_satisfied_as_satisfied_by_default_and_can_be_stricter()
    {
        TicketSnapshot[] tickets =
        [
            Snap(satisfaction: Satisfaction.Satisfied),
            Snap(satisfaction: Satisfaction.BasicallySatisfied),
            Snap(satisfaction: Satisfaction.Dissatisfied),
            Snap(satisfaction: null), // declined to rate
        ];
        Assert.Equal(new Rate(2, 3), Kpis.Compute(KpiKind.Satisfaction, tickets, Now));
        Assert.Equal(new Rate(1.5, 3), Kpis.Compute(KpiKind.Satisfaction, tickets, Now, basicallySatisfiedCredit: 0.5));
    }

    [Fact]
    public void Resolution_and_on_time_rates_and_drill_down_agree()
    {
        TicketSnapshot[] tickets =
        [
            Snap(resolved: true, repliedAfterDays: 1),
            Snap(resolved: false, repliedAfterDays: 6),
            Snap(resolved: null, repliedAfterDays: null, status: TicketStatus.InHandling),
            Snap(resolved: true, status: TicketStatus.Merged),
        ];
        Assert.Equal(new Rate(1, 2), Kpis.Compute(KpiKind.Resolution, tickets, Now));
        Assert.Equal(new Rate(1, 3), Kpis.Compute(KpiKind.OnTimeClosing, tickets, Now));
        var drill = Kpis.DrillDown(KpiKind.OnTimeClosing, tickets, Now);
        Assert.Equal(3, drill.Count);
        Assert.Equal([tickets[0].Id], drill.Where(d => d.Score == 1).Select(d => d.TicketId));
    }

    [Fact]
    public void Call_answer_rate_comes_from_recorded_counts()
    {
        var month = new YearMonth(2026, 3);
        Assert.Equal(new Rate(1900, 2000), Kpis.CallAnswerRate([new(month, 1200, 1150), new(month.Next(), 800, 750)]));
        Assert.Throws<ArgumentException>(() => Kpis.CallAnswerRate([new(month, 10, 11)]));
        Assert.Null(Kpis.CallAnswerRate([]).Value);
    }

    [Fact]
    public void Composite_rescales_when_a_measure_has_nothing_to_count()
    {
        var w = KpiWeights.Default;
        Assert.Equal(100, Kpis.Composite(w, new(1, 1), new(1, 1), new(1, 1), new(1, 1))!.Value, 9);
        var noCallbacks = Kpis.Composite(w, new(1, 2), new(0, 0), new(0, 0), new(1, 1))!.Value;
        Assert.Equal(100 * ((0.1 * 0.5) + (0.1 * 1)) / 0.2, noCallbacks, 9);
        Assert.Null(Kpis.Composite(w, default, default, default, default));
    }

    [Fact]
    public void Weights_are_validated_and_versioned_by_month()
    {
        Assert.NotEmpty((KpiWeights.Default with { Response = 0.5 }).Validate());
        var v2 = new KpiWeights(2, new DateOnly(2026, 4, 1), 0.2, 0.3, 0.3, 0.2, 0.8);
        var history = new KpiWeightHistory([KpiWeights.Default, v2]);
        Assert.Equal(1, history.For(new YearMonth(2026, 3)).Version);
        Assert.Equal(2, history.For(new YearMonth(2026, 4)).Version);
        Assert.Throws<ArgumentException>(() => new KpiWeightHistory([KpiWeights.Default, KpiWeights.Default with { EffectiveFrom = new DateOnly(2027, 1, 1) }]));
    }

    [Fact]
    public void Monthly_ranking_orders_units_by_composite_and_names_the_weights()
    {
        var good = Build.NewId();
        var poor = Build.NewId();
        var alsoGood = Build.NewId();
        List<TicketSnapshot> tickets =
        [
            Snap(good), Snap(good),
            Snap(alsoGood), Snap(alsoGood),
            Snap(poor), Snap(poor, signedAfterHours: 5, resolved: false, satisfaction: Satisfaction.Dissatisfied, repliedAfterDays: 9),
            Snap(poor, dispatched: March.AddMonths(-1)), // February: not in March's ranking
        ];
        var ranking = Kpis.RankMonth(tickets, new YearMonth(2026, 3), Kpis.ByUnit(UnitKind.Department), new KpiWeightHistory([KpiWeights.Default]), Now);

        Assert.Equal(3, ranking.Count);
        Assert.Equal([1, 1, 3], ranking.Select(r => r.Rank));
        Assert.Equal(poor, ranking[2].UnitId);
        Assert.Equal(2, ranking[2].Tickets);
        Assert.Equal(50, ranking[2].Composite!.Value, 9);
        Assert.All(ranking, r => Assert.Equal(1, r.WeightsVersion));
    }

    [Fact]
    public void A_ticket_dispatched_at_half_past_midnight_Shanghai_on_1_April_belongs_to_April()
    {
        var unit = Build.NewId();
        var april1 = new DateTime(2026, 3, 31, 16, 30, 0, DateTimeKind.Utc);
        var ranking = Kpis.RankMonth([Snap(unit, dispatched: april1)], new YearMonth(2026, 3), Kpis.ByUnit(UnitKind.Department), new KpiWeightHistory([KpiWeights.Default]), Now);
        Assert.Empty(ranking);
        Assert.Equal(new YearMonth(2026, 4), YearMonth.Of(april1));
    }

    [Fact]
    public void Small_groups_are_listed_but_not_ranked()
    {
        var big = Build.NewId();
        var small = Build.NewId();
        var ranking = Kpis.RankMonth([Snap(district: big), Snap(district: big), Snap(district: small)], new YearMonth(2026, 3),
            Kpis.ByDistrict, new KpiWeightHistory([KpiWeights.Default]), Now, minTickets: 2);
        Assert.Equal((big, 1), (ranking[0].UnitId, ranking[0].Rank));
        Assert.Equal((small, 0), (ranking[1].UnitId, ranking[1].Rank));
    }

    [Fact]
    public void A_spike_over_the_usual_level_is_a_hotspot_and_a_steady_area_is_not()
    {
        var spiking = Build.NewId();
        var steady = Build.NewId();
        var tickets = new List<TicketSnapshot>();
        var month = new YearMonth(2026, 3);
        for (var back = 1; back <= 6; back++)
        {
            var at = month.AddMonths(-back).StartUtc.AddDays(3);
            tickets.AddRange(Enumerable.Range(0, 3).Select(_ => Snap(street: spiking, category: "street-trade.bbq", accepted: at)));
            tickets.AddRange(Enumerable.Range(0, 20 + (back % 2 * 4)).Select(_ => Snap(street: steady, category: "heating.outage", accepted: at)));
        }

        tickets.AddRange(Enumerable.Range(0, 12).Select(_ => Snap(street: spiking, category: "street-trade.vending", accepted: March)));
        tickets.AddRange(Enumerable.Range(0, 25).Select(_ => Snap(street: steady, category: "heating.fee", accepted: March)));

        var hotspots = HotspotDetector.Detect(tickets, month);
        var hotspot = Assert.Single(hotspots);
        Assert.Equal(("street-trade", spiking, 12), (hotspot.CategoryCode, hotspot.AreaId, hotspot.Count));
        Assert.Equal(3, hotspot.BaselineMean, 9);
        Assert.Equal(3 + (2 * Math.Sqrt(3)), hotspot.Threshold, 9);
    }

    [Fact]
    public void A_few_tickets_in_a_quiet_area_are_not_a_hotspot()
    {
        var street = Build.NewId();
        var tickets = Enumerable.Range(0, 4).Select(_ => Snap(street: street, accepted: March)).ToList();
        Assert.Empty(HotspotDetector.Detect(tickets, new YearMonth(2026, 3)));
        tickets.Add(Snap(street: street, accepted: March));
        Assert.Single(HotspotDetector.Detect(tickets, new YearMonth(2026, 3)));
    }

    [Fact]
    public void Trend_lists_every_month_including_empty_ones()
    {
        var trend = Kpis.Trend([Snap(), Snap(resolved: false), Snap(dispatched: March.AddMonths(-2))], new YearMonth(2026, 1), new YearMonth(2026, 4), Now);
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04"], trend.Select(t => t.Month.ToString()));
        Assert.Equal([1, 0, 2, 0], trend.Select(t => t.Tickets));
        Assert.Equal(new Rate(1, 2), trend[2].Resolution);
        Assert.Null(trend[1].Response.Value);
    }

    [Fact]
    public void Petition_targets_need_every_petition_on_time_and_seventy_percent_satisfied()
    {
        static TicketSnapshot Petition(double repliedAfterDays, Satisfaction satisfaction) =>
            Snap(repliedAfterDays: repliedAfterDays, satisfaction: satisfaction) with { Type = TicketType.Petition };

        var met = Kpis.PetitionTargets([Petition(3, Satisfaction.Satisfied), Petition(4, Satisfaction.BasicallySatisfied), Petition(1, Satisfaction.Dissatisfied), Snap(repliedAfterDays: 9)], Now);
        Assert.True(met.OnTimeMet);
        Assert.Equal(new Rate(2, 3), met.Satisfaction);
        Assert.False(met.SatisfactionMet);

        var late = Kpis.PetitionTargets([Petition(3, Satisfaction.Satisfied), Petition(6, Satisfaction.Satisfied)], Now);
        Assert.False(late.OnTimeMet);
        Assert.True(late.SatisfactionMet);
        Assert.False(Kpis.PetitionTargets([], Now).OnTimeMet);
    }
}
