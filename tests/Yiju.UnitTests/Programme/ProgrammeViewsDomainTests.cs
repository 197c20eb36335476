using Yiju.Kernel.Indicators;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Feeds;
using Yiju.Programme.Features.Livability;
using Yiju.Programme.Features.Reports;

namespace Yiju.UnitTests.Programme;

public class ProgrammeViewsDomainTests
{
    private static EvaluationScheme Scheme(DateOnly from, int grace = 10)
    {
        var s = EvaluationScheme.Create("evaluation", 1, "默认", TestData.Now, 0.5, 0.3, 0.2);
        s.ReportingFrom = from;
        s.GraceWorkingDays = grace;
        return s;
    }

    [Fact]
    public void Reports_fall_due_in_the_quarter_of_their_due_date_once_it_has_passed()
    {
        var calendar = new TestCalendar();
        var quarterly = TestData.Indicator(frequency: PeriodType.Quarter, id: 1);
        var yearly = TestData.Indicator(id: 2);
        var q1 = PeriodKey.Parse("2025Q1");
        // 2024Q4 (due mid-January 2025) and the year 2024 fall due in 2025Q1; 2025Q1 itself falls due in April.
        var due = EvaluationInputs.ReportsDue([quarterly, yearly], q1, new DateOnly(2025, 6, 1), Scheme(new DateOnly(2024, 1, 1)), calendar, _ => [null]);
        Assert.Equal([(1L, "2024Q4"), (2L, "2024")], due.Select(d => (d.IndicatorId, d.Period.ToString())).OrderBy(x => x.Item1));
        Assert.All(due, d => Assert.Equal(new DateOnly(2025, 1, 14), d.DueDate));

        // Not yet passed on the reading day, or before reporting moved into Yiju: not counted.
        Assert.Empty(EvaluationInputs.ReportsDue([quarterly], q1, new DateOnly(2025, 1, 14), Scheme(new DateOnly(2024, 1, 1)), calendar, _ => [null]));
        Assert.Empty(EvaluationInputs.ReportsDue([quarterly], q1, new DateOnly(2025, 6, 1), Scheme(new DateOnly(2025, 2, 1)), calendar, _ => [null]));
        // One report per district where the indicator is broken down.
        Assert.Equal(3, EvaluationInputs.ReportsDue([quarterly], q1, new DateOnly(2025, 6, 1), Scheme(new DateOnly(2024, 1, 1)), calendar, _ => [null, "230102", "230103"]).Count);
    }

    [Fact]
    public void A_late_first_submission_and_a_return_lower_the_unit_inputs()
    {
        var calendar = new TestCalendar();
        var indicator = TestData.Indicator(frequency: PeriodType.Quarter, id: 1);
        var due = EvaluationInputs.ReportsDue([indicator], PeriodKey.Parse("2025Q1"), new DateOnly(2025, 6, 1), Scheme(new DateOnly(2024, 1, 1)), calendar, _ => [null]);
        var value = ReportedValue.CreateDraft(1, PeriodKey.Parse("2024Q4"), null, 5, null, null, new("x", ""), "clerk", TestData.Now);
        value.Submit("clerk", new DateTime(2025, 1, 20, 2, 0, 0, DateTimeKind.Utc));
        value.Return("coord", new DateTime(2025, 1, 21, 2, 0, 0, DateTimeKind.Utc), "口径不符");
        value.Submit("clerk", new DateTime(2025, 1, 22, 2, 0, 0, DateTimeKind.Utc));
        var input = EvaluationInputs.Input("zjj", "市住建局", [0.5], due, [value], Scheme(new DateOnly(2024, 1, 1)), calendar);
        Assert.Equal((1, 0, 2, 1), (input.ReportsDue, input.ReportsOnTime, input.Submissions, input.Returns));
    }

    [Fact]
    public void A_district_is_judged_only_against_a_target_that_applies_to_it()
    {
        var each = TestData.Indicator(id: 3);
        each.HasDistrictBreakdown = true;
        var perDistrict = TestData.Plan(2022, 2026, 1);
        perDistrict.AppliesToEachUnit = true;
        each.Targets.Add(perDistrict);
        var total = TestData.Indicator(id: 4);
        total.HasDistrictBreakdown = true;
        total.Targets.Add(TestData.Plan(2022, 2026, 30000));
        var values = new List<ReportedValue> { TestData.Approved(each, "2024", 1, "230102"), TestData.Approved(total, "2024", 500, "230102") };

        var rows = DistrictComparison.Build([each, total], values, ["230102", "230103"], new DateOnly(2024, 12, 31), 2022);
        Assert.Equal(ProgressStatus.Met, rows[0].Cells[0].Status);
        Assert.Null(rows[0].Cells[1].Latest);
        Assert.Equal(500, rows[1].Cells[0].Latest!.Value);
        Assert.Null(rows[1].Cells[0].Target);
        Assert.Equal(ProgressStatus.NotAssessable, rows[1].Cells[0].Status);
        Assert.Equal([1.0], EvaluationInputs.DistrictShares([each, total], values, "230102", new DateOnly(2024, 12, 31), 2022));
    }

    [Fact]
    public void Index_observations_are_yearly_and_sum_per_period_counts_to_the_target_window()
    {
        var flats = TestData.Indicator(id: 5);
        flats.Code = "F";
        flats.Targets.Add(TestData.Plan(2022, 2026, 1000));
        var rate = TestData.Indicator(IndicatorKind.Rate, id: 6);
        rate.Code = "R";
        var definition = new LivabilityIndexDefinition
        {
            Components =
            [
                new() { IndicatorCode = "F", Weight = 0.5, Direction = Direction.HigherIsBetter, Normalisation = Normalisation.TargetBased, Target = 1000 },
                new() { IndicatorCode = "R", Weight = 0.5, Direction = Direction.HigherIsBetter, Normalisation = Normalisation.MinMax, Min = 0, Max = 100 },
            ],
        };
        var values = new List<ReportedValue>
        {
            TestData.Approved(flats, "2022", 200), TestData.Approved(flats, "2023", 300),
            TestData.Approved(rate, "2023Q2", 40), TestData.Approved(rate, "2023Q4", 60),
        };
        var byCode = new Dictionary<string, Indicator> { ["F"] = flats, ["R"] = rate };
        var observations = LivabilityObservations.ForYears(definition, byCode, values, 2022, 2026, new DateOnly(2024, 6, 30), [], 2022);
        Assert.Equal(
            [("F", "2022", 200.0), ("F", "2023", 500.0), ("R", "2023", 60.0)],
            observations.Select(o => (o.IndicatorCode, o.Period.ToString(), o.Value)));

        var index = LivabilityIndex.Compute(definition, observations);
        var y2023 = index.Single(v => v.Period.ToString() == "2023");
        Assert.Equal((0.5 * 50) + (0.5 * 60), y2023.Index, 9); // 500 of 1000 → 50; 60 on 0–100 → 60
        Assert.Equal(0.5, index.Single(v => v.Period.ToString() == "2022").Coverage, 9);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(27)]
    [InlineData(7)]
    public void Equal_weights_sum_to_exactly_one(int n) =>
        Assert.True(Math.Abs(LivabilityObservations.EqualWeights(n).Sum() - 1) <= 1e-9);

    [Fact]
    public void Definition_lines_are_parsed_with_row_errors()
    {
        var programme = new CityProgramme { StartYear = 2022, EndYear = 2026 };
        var indicator = TestData.Indicator(id: 8);
        indicator.Code = "H1.G1.T1.I1";
        indicator.Targets.Add(TestData.Plan(2022, 2026, 10));
        var info = TestData.Indicator(direction: Direction.ForInformation, id: 9);
        info.Code = "H1.G1.T1.I2";
        programme.Homes.Add(new Home { Goals = [new Goal { Tasks = [new ProgrammeTask { Indicators = [indicator, info] }] }] });

        var ok = LivabilityIndexService.ParseComponents("h1.g1.t1.i1 0.4 target\nH1.G1.T1.I2 0.6 minmax 0 5", programme);
        Assert.True(ok.Succeeded);
        Assert.Equal(10, ok.Value![0].Target);
        Assert.Equal((0.0, 5.0), (ok.Value[1].Min!.Value, ok.Value[1].Max!.Value));
        // The information-only indicator passes parsing but the definition refuses it.
        var definition = new LivabilityIndexDefinition { Components = ok.Value };
        Assert.Throws<ProgrammeRuleException>(definition.EnsureValid);

        var bad = LivabilityIndexService.ParseComponents("X.Y 0.5 target\nH1.G1.T1.I1 -1 target\nH1.G1.T1.I1 0.5 average", programme);
        Assert.False(bad.Succeeded);
        Assert.Equal(3, bad.Failure!.Errors!["Components"].Length);
    }

    [Fact]
    public void Walking_coverage_is_never_mapped_onto_harbin_coverage_rates_and_housing_codes_are()
    {
        var programme = new CityProgramme();
        var flats = TestData.Indicator(id: 10);
        flats.Code = "H4.G1.T2.I1";
        programme.Homes.Add(new Home { Goals = [new Goal { Tasks = [new ProgrammeTask { Indicators = [flats] }] }] });
        var kindergarten = FeedMappings.For("places", "PLACES.COVERAGE.kindergarten", programme);
        Assert.Null(kindergarten.IndicatorCode);
        Assert.Contains("普惠性幼儿园覆盖率", kindergarten.Note, StringComparison.Ordinal);
        Assert.Null(FeedMappings.For("places", "PLACES.COVERAGE.market", programme).IndicatorCode);
        Assert.Equal("H4.G1.T2.I1", FeedMappings.For("housing", "H4.G1.T2.I1", programme).IndicatorCode);
        Assert.Null(FeedMappings.For("hotline", "HOTLINE.SOMETHING", programme).IndicatorCode);
    }

    [Fact]
    public void A_face_is_cut_out_of_a_font_collection_with_its_tables_moved()
    {
        // A collection of one face with one 5-byte table "abcd", padded to 8 bytes.
        var ttc = new byte[12 + 4 + 12 + 16 + 8];
        "ttcf"u8.CopyTo(ttc);
        ttc[7] = 1; // version 1.0
        ttc[11] = 1; // one face
        ttc[15] = 16; // its directory at 16
        ttc[16 + 5] = 1; // numTables = 1
        "abcd"u8.CopyTo(ttc.AsSpan(28));
        ttc[28 + 11] = 44; // table at offset 44
        ttc[28 + 15] = 5; // length 5
        "HELLO"u8.CopyTo(ttc.AsSpan(44));

        var face = CjkFonts.ExtractFace(ttc, 0);
        Assert.Equal(12 + 16 + 8, face.Length);
        Assert.Equal(28, face[12 + 11]);
        Assert.Equal("HELLO"u8.ToArray(), face.AsSpan(28, 5).ToArray());
        Assert.Same(face, CjkFonts.ExtractFace(face, 0));
    }
}
