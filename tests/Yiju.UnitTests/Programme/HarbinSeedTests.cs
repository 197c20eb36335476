using Yiju.Kernel.Indicators;
using Yiju.Programme.Domain;
using Yiju.Programme.SeedData;

namespace Yiju.UnitTests.Programme;

public class HarbinSeedTests
{
    private static readonly HarbinProgrammeSeed Seed = HarbinSeedLoader.Load(TestData.Now);

    private static Indicator Find(string code) => Seed.Programme.FindIndicator(code) ?? throw new InvalidOperationException(code);

    [Fact]
    public void Counts_match_the_README()
    {
        var p = Seed.Programme;
        Assert.Equal(6, p.Homes.Count);
        Assert.Equal(15, p.Goals.Count());
        Assert.Equal(71, p.Tasks.Count());
        Assert.Equal(44, p.Tasks.Count(t => t.Indicators.Count > 0));
        Assert.Equal(40, p.Tasks.Count(t => t.LeadDepartment is not null));
        Assert.Equal(138, p.Indicators.Count());
        Assert.Equal(152, Seed.Figures.Count);
        Assert.Equal(67, p.Indicators.Sum(i => i.Targets.Count));
        Assert.Equal(83, Seed.Values.Count);
        Assert.Equal(2, p.Indicators.Count(i => i.Baseline is not null));
        Assert.Equal(9, p.Indicators.Count(i => i.Targets.Count > 0 && Seed.Values.Any(v => v.IndicatorId == i.Id)));
        Assert.Equal(["富足家园", "舒适家园", "绿色家园", "和谐家园", "文明家园", "平安家园"], p.Homes.Select(h => h.Name));
    }

    [Fact]
    public void Rows_by_source_and_home_match_the_README()
    {
        var bySource = Seed.Figures.GroupBy(f => f.Source.Document[..3]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["000"] = 99, ["001"] = 17, ["002"] = 31, ["003"] = 4, ["004"] = 1 }, bySource);
        var byHome = Seed.Figures.GroupBy(f => f.IndicatorCode[..2]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["H1"] = 26, ["H2"] = 26, ["H3"] = 5, ["H4"] = 73, ["H5"] = 21, ["H6"] = 1 }, byHome);
    }

    [Fact]
    public void Every_figure_keeps_its_source_file_and_quote()
    {
        Assert.All(Seed.Figures, f =>
        {
            Assert.EndsWith(".txt", f.Source.Document, StringComparison.Ordinal);
            Assert.InRange(f.Source.Quote.Length, 1, 60);
            Assert.NotNull(SeedDocuments.Find(f.Source.Document));
        });
        Assert.All(Seed.Programme.Indicators.SelectMany(i => i.Targets), t => Assert.NotEmpty(t.Source.Quote));
        Assert.All(Seed.Values, v => Assert.NotEmpty(v.Source.Quote));
        var jobs = Seed.Values.Single(v => v.IndicatorId == Find("H1.G1.T1.I1").Id);
        Assert.Equal("截至10月末,全市共实现城镇新增就业8.07万人", jobs.Source.Quote);
        Assert.Equal("000_0adfd30bb43cff4c.txt", jobs.Source.Document);
    }

    [Fact]
    public void Ids_link_values_and_targets_to_their_indicators()
    {
        var ids = Seed.Programme.Indicators.Select(i => i.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(Seed.Values, v => Assert.Contains(v.IndicatorId, ids));
        Assert.All(Seed.Programme.Indicators, i => Assert.All(i.Targets, t => Assert.Equal(i.Id, t.IndicatorId)));
        Assert.All(Seed.Programme.Tasks, t => Assert.All(t.Indicators, i => Assert.Equal(t.Id, i.TaskId)));
    }

    [Fact]
    public void Seed_value_ids_are_stable_across_loads_and_distinct()
    {
        var again = HarbinSeedLoader.Load(TestData.Now.AddDays(1));
        Assert.Equal(Seed.Values.Select(v => v.Id), again.Values.Select(v => v.Id));
        Assert.Equal(Seed.Values.Count, Seed.Values.Select(v => v.Id).Distinct().Count());
    }

    [Fact]
    public void Plan_period_and_yearly_targets_are_kept_apart()
    {
        var flats = Find("H4.G1.T2.I1").Targets.Single();
        Assert.Equal(TargetKind.PlanPeriod, flats.Kind);
        Assert.Equal((2022, 2026), (flats.FromYear!.Value, flats.DeadlineYear!.Value));
        Assert.Equal(30000, flats.Value);

        var subsidy = Find("H4.G1.T2.I2");
        var each = subsidy.Targets.Single();
        Assert.Equal(TargetKind.Annual, each.Kind);
        Assert.True(each.RepeatsEachYear);
        Assert.Same(each, subsidy.AnnualTargetFor(2024));
        Assert.Null(subsidy.AnnualTargetFor(2027));

        var jobs = Find("H1.G1.T1.I1").Targets.Single();
        Assert.Equal(TargetKind.Annual, jobs.Kind);
        Assert.False(jobs.RepeatsEachYear);
        Assert.Equal(2023, jobs.DeadlineYear);

        var kindergartens = Find("H4.G2.T3.I2").PlanTargets().ToList();
        Assert.Equal([2025, 2026], kindergartens.Select(t => t.DeadlineYear!.Value));
        Assert.Null(kindergartens[0].FromYear);

        var undated = Find("H1.G2.T3.I1").Targets.Single();
        Assert.Equal(TargetKind.Undated, undated.Kind);
        Assert.Contains("未给出时间范围", undated.ComparabilityNote, StringComparison.Ordinal);

        var noDeadline = Find("H4.G3.T1.I1").Targets.Single();
        Assert.Equal(TargetKind.PlanPeriod, noDeadline.Kind);
        Assert.Null(noDeadline.DeadlineYear);
    }

    [Fact]
    public void Partial_year_actuals_keep_the_last_day_they_cover()
    {
        ReportedValue ValueOf(string code) => Seed.Values.Single(v => v.IndicatorId == Find(code).Id);
        Assert.Equal(new DateOnly(2023, 10, 31), ValueOf("H1.G1.T1.I1").ObservedThrough);
        Assert.Equal("2023-01..2023-10", ValueOf("H1.G1.T1.I1").PeriodLabel);
        Assert.Equal(new DateOnly(2023, 9, 30), ValueOf("H1.G1.T1.I2").ObservedThrough);
        Assert.Equal(new DateOnly(2023, 12, 5), ValueOf("H5.G1.T3.I5").ObservedThrough);
        Assert.Equal(new DateOnly(2023, 12, 5), ValueOf("H2.G1.T6.I1").ObservedThrough);
        Assert.All(Seed.Values, v =>
        {
            Assert.Equal(PeriodKey.ForYear(2023), v.Period);
            Assert.Equal(ValueStatus.Approved, v.Status);
        });
    }

    [Fact]
    public void Figures_that_measure_different_things_carry_a_comparability_note()
    {
        var renewal = Find("H4.G1.T1.I1");
        Assert.Contains("开工", renewal.Targets.Single().ComparabilityNote, StringComparison.Ordinal);
        Assert.Contains("完工", Seed.Values.Single(v => v.IndicatorId == renewal.Id).ComparabilityNote, StringComparison.Ordinal);
        Assert.Contains("2022年", Seed.Values.Single(v => v.IndicatorId == Find("H4.G1.T2.I1").Id).ComparabilityNote, StringComparison.Ordinal);
        Assert.Contains("公租房", Seed.Values.Single(v => v.IndicatorId == Find("H4.G1.T2.I2").Id).ComparabilityNote, StringComparison.Ordinal);
        Assert.Contains("并非官方目标", Find("H4.G3.T3.I5").Targets.Single().ComparabilityNote, StringComparison.Ordinal);
        Assert.Contains("以上", Seed.Values.Single(v => v.IndicatorId == Find("H1.G2.T2.I2").Id).ComparabilityNote, StringComparison.Ordinal);
        Assert.Contains("主城区六区", Seed.Values.Single(v => v.IndicatorId == Find("H4.G1.T2.I5").Id).ComparabilityNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Qualifier_notes_do_not_fire_on_age_or_rank_phrases()
    {
        // "65岁以上" and "二级以上" qualify the subject, not the figure; the figure's own "65%以上" does.
        var figure = Seed.Figures.Single(f => f.IndicatorCode == "H4.G3.T4.I1");
        Assert.Contains("以上", figure.ComparabilityNote, StringComparison.Ordinal);
        var fourHospitals = Seed.Figures.Single(f => f.IndicatorCode == "H4.G3.T4.I6");
        Assert.Null(fourHospitals.ComparabilityNote);
    }

    [Fact]
    public void Derived_definitions_follow_the_documented_rules()
    {
        Assert.Equal(IndicatorKind.Rate, Find("H4.G2.T3.I2").Kind);
        Assert.Equal(DistrictRollup.NumeratorDenominator, Find("H4.G2.T3.I2").Rollup);
        Assert.Equal(IndicatorKind.Level, Find("H1.G2.T1.I2").Kind);
        Assert.Equal(IndicatorKind.Level, Find("H4.G6.T1.I3").Kind);
        Assert.Equal(IndicatorKind.Level, Find("H4.G4.T3.I1").Kind);
        Assert.Equal(IndicatorKind.Level, Find("H4.G3.T3.I5").Kind);
        Assert.Equal(IndicatorKind.Amount, Find("H1.G2.T1.I1").Kind);
        Assert.Equal(IndicatorKind.Count, Find("H4.G1.T2.I1").Kind);
        Assert.Equal(Accumulation.Cumulative, Find("H5.G1.T3.I5").Accumulation);
        Assert.Equal(Accumulation.PerPeriod, Find("H4.G1.T2.I1").Accumulation);
        Assert.True(Find("H4.G2.T5.I2").HasDistrictBreakdown);
        Assert.True(Find("H4.G2.T5.I2").Targets.All(t => t.AppliesToEachUnit));
        Assert.Equal(Direction.LowerIsBetter, Find("H5.G2.T4.I4").Direction);
        Assert.Equal(15, Find("H2.G1.T7.I5").Baseline!.Value);
    }

    [Fact]
    public void Seed_values_pass_validation()
    {
        var indicators = Seed.Programme.Indicators.ToDictionary(i => i.Id);
        Assert.All(Seed.Values, v => Assert.Empty(ValueValidation.Validate(indicators[v.IndicatorId], new ValueInput(v.Value, null, null, null, null))));
    }

    [Fact]
    public void Jobs_target_is_on_track_against_time_elapsed_by_end_of_October()
    {
        var jobs = Find("H1.G1.T1.I1");
        var assessment = Progress.Assess(jobs, jobs.Targets.Single(), Seed.Values, new DateOnly(2023, 12, 31), HarbinSeedLoader.StartYear);
        Assert.Equal(new DateOnly(2023, 10, 31), assessment.AssessedAt);
        Assert.Equal(8.07 / 8.3, assessment.ShareOfTarget!.Value, 6);
        Assert.Equal(304.0 / 365, assessment.TimeElapsed!.Value, 6);
        Assert.Equal(ProgressStatus.OnTrack, assessment.Status);
    }

    [Fact]
    public void Embedded_documents_are_readable()
    {
        Assert.Contains("| distinct `indicator_code` | 138 |", HarbinSeedLoader.ReadDocument("README.md"), StringComparison.Ordinal);
        Assert.Contains("source_quote", HarbinSeedLoader.ReadDocument("PROVENANCE.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_naming_an_unknown_task_is_rejected()
    {
        const string tree = "home_code,home_name,goal_code,goal_name,task_code,task_name,lead_department,source_file\nH1,富足家园,H1.G1,目标,H1.G1.T1,任务,,000_0adfd30bb43cff4c.txt\n";
        const string rows = "indicator_code,task_code,indicator_name,unit,direction,kind,year,period,value,scope,source_file,source_quote\nH1.G1.T9.I1,H1.G1.T9,指标,个,up,actual,2023,2023,1,全市,000_0adfd30bb43cff4c.txt,一\n";
        Assert.Throws<InvalidDataException>(() => HarbinSeedLoader.Load(new StringReader(tree), new StringReader(rows), TestData.Now));
    }
}
