using Yiju.Places.Domain;

namespace Yiju.UnitTests.Places;

/// <summary>Comparing runs, recovering jobs after a stop, and the rules of the facility and facility-type forms.</summary>
public sealed class PlacesEditingTests
{
    private static CoverageRow Row(string type, string level, string code, double population, double covered) => new()
    {
        FacilityTypeCode = type,
        AreaLevel = level,
        AreaCode = code,
        AreaName = code,
        Population = population,
        Covered = covered,
        CoveragePercent = population == 0 ? 0 : covered / population * 100,
    };

    [Fact]
    public void Comparison_gives_B_minus_A_per_area_and_marks_areas_missing_on_one_side()
    {
        CoverageRow[] a = [Row("school", "city", "city", 1000, 400), Row("school", "district", "230102", 600, 300), Row("school", "district", "230103", 400, 100)];
        CoverageRow[] b = [Row("school", "city", "city", 1000, 550), Row("school", "district", "230102", 600, 450), Row("school", "district", "230104", 50, 50)];
        var same = new Dictionary<string, double> { ["school"] = 500 };
        var rows = RunComparison.Coverage(a, b, same, same);

        Assert.Equal(["city", "district", "district", "district"], rows.Select(r => r.AreaLevel));
        var city = rows[0];
        Assert.Equal(15, city.DeltaPoints!.Value, 9);
        Assert.False(city.StandardChanged);
        Assert.Equal(25, rows.Single(r => r.AreaCode == "230102").DeltaPoints!.Value, 9);
        var onlyA = rows.Single(r => r.AreaCode == "230103");
        Assert.Null(onlyA.B);
        Assert.Null(onlyA.DeltaPoints);
        var onlyB = rows.Single(r => r.AreaCode == "230104");
        Assert.Null(onlyB.A);
        Assert.Equal(100, onlyB.B!.CoveragePercent);

        var widened = RunComparison.Coverage(a, b, same, new Dictionary<string, double> { ["school"] = 800 });
        Assert.All(widened, r => Assert.True(r.StandardChanged));
    }

    [Fact]
    public void Settings_line_up_by_name_and_mark_differences()
    {
        var rows = RunComparison.Settings([("sites", "3"), ("maxSnap", "200"), ("standard:school", "500 m")], [("sites", "1"), ("maxSnap", "200"), ("startedBy", "admin")]);
        Assert.Equal(["sites", "maxSnap", "standard:school", "startedBy"], rows.Select(r => r.Name));
        Assert.True(rows[0].Differs);
        Assert.False(rows[1].Differs);
        Assert.Equal("—", rows[2].B);
        Assert.Equal("—", rows[3].A);
    }

    private static AnalysisJob Job(AnalysisJobStatus status, int attempts) => new()
    {
        Status = status,
        Attempts = attempts,
        StartedAt = status == AnalysisJobStatus.Running ? new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) : null,
        RequestedBy = "t",
        ParametersJson = "{}",
        TypesJson = "[]",
        InputsJson = "{}",
    };

    [Fact]
    public void At_start_up_an_interrupted_job_is_queued_again_until_its_last_attempt_then_failed_with_the_reason()
    {
        var now = new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);
        var once = Job(AnalysisJobStatus.Running, 1);
        Assert.True(once.RecoverAtStartUp(now));
        Assert.Equal(AnalysisJobStatus.Queued, once.Status);
        Assert.Null(once.StartedAt);
        Assert.Null(once.FailureReason);

        var twice = Job(AnalysisJobStatus.Running, AnalysisJob.MaxAttempts);
        Assert.True(twice.RecoverAtStartUp(now));
        Assert.Equal(AnalysisJobStatus.Failed, twice.Status);
        Assert.Equal(now, twice.FinishedAt);
        Assert.Contains("interrupted", twice.FailureReason, StringComparison.Ordinal);

        foreach (var status in new[] { AnalysisJobStatus.Queued, AnalysisJobStatus.Succeeded, AnalysisJobStatus.Failed })
        {
            var other = Job(status, 1);
            Assert.False(other.RecoverAtStartUp(now));
            Assert.Equal(status, other.Status);
        }
    }

    private static FacilityTypeEdit Edit(double distance = 300, bool isChecked = false, string? note = null) =>
        new("幼儿园", "Kindergarten", LifeCircleLevel.FiveMinute, distance, AgeGroup.Age3To6, CapacityUnit.Places, 270, "GB 50180-2018 附录B", isChecked, note);

    [Fact]
    public void A_facility_type_edit_is_refused_field_by_field()
    {
        Assert.Empty(Edit().Validate());
        Assert.Contains("walkingDistance", Edit(distance: 20).Validate().Keys);
        Assert.Contains("walkingDistance", Edit(distance: double.NaN).Validate().Keys);
        Assert.Contains("clauseVerification", Edit(isChecked: true).Validate().Keys);
        Assert.Empty(Edit(isChecked: true, note: "GB 50180-2018 printed edition, Appendix C, p. 40").Validate());
        var bad = new FacilityTypeEdit("", null, (LifeCircleLevel)7, 300, (AgeGroup)42, (CapacityUnit)9, -1, " ", false, new string('x', 501)).Validate();
        Assert.Equal(["capacityUnit", "clause", "clauseVerification", "defaultCapacity", "level", "name", "targetGroup"], bad.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_facility_form_needs_a_name_a_valid_point_and_a_non_negative_capacity()
    {
        Assert.Empty(FacilityRules.Validate("幼儿园", 45.77, 126.62, 90, "道里区"));
        Assert.Empty(FacilityRules.Validate("幼儿园", 45.77, 126.62, null, null));
        var errors = FacilityRules.Validate(" ", 91, 126.62, -1, new string('路', 201));
        Assert.Equal(["address", "capacity", "latitude", "name"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("latitude", FacilityRules.Validate("x", null, 126.62, null, null).Keys);
        Assert.Contains("latitude", FacilityRules.Validate("x", 45.7, double.PositiveInfinity, null, null).Keys);
    }

    [Fact]
    public void Every_seeded_type_says_why_its_clause_is_not_checked()
    {
        Assert.All(FacilityTypeCatalogue.Seed(), t =>
        {
            Assert.False(t.ClauseChecked);
            Assert.False(string.IsNullOrWhiteSpace(t.ClauseVerification));
            Assert.InRange(t.ClauseVerification!.Length, 20, FacilityTypeEdit.MaxVerificationLength);
            Assert.Empty(new FacilityTypeEdit(t.Name, t.NameEn, t.Level, t.WalkingDistance, t.TargetGroup, t.CapacityUnit, t.DefaultCapacity, t.Clause, t.ClauseChecked, t.ClauseVerification).Validate());
        });
    }

    [Fact]
    public void A_type_snapshot_round_trips_what_the_analysis_reads()
    {
        var park = FacilityTypeCatalogue.Seed().Single(t => t.Code == FacilityTypeCatalogue.Park10);
        var back = TypeSnapshot.From(park).ToType();
        Assert.Equal((park.Code, park.Level, park.WalkingDistance, park.TargetGroup, park.CapacityUnit, park.DefaultCapacity, park.Family),
            (back.Code, back.Level, back.WalkingDistance, back.TargetGroup, back.CapacityUnit, back.DefaultCapacity, back.Family));
    }
}
