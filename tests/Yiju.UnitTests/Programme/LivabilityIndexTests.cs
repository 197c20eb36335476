using Yiju.Kernel.Indicators;
using Yiju.Programme.Domain;

namespace Yiju.UnitTests.Programme;

public class LivabilityIndexTests
{
    private static readonly PeriodKey Y2024 = PeriodKey.ForYear(2024);

    private static LivabilityIndexDefinition Definition(params LivabilityIndexComponent[] components) =>
        new() { Code = "livability", VersionNumber = 1, Components = [.. components] };

    [Fact]
    public void Min_max_with_fixed_bounds_and_reversed_for_lower_is_better()
    {
        var definition = Definition(
            new LivabilityIndexComponent { IndicatorCode = "park", Weight = 0.6, Direction = Direction.HigherIsBetter, Normalisation = Normalisation.MinMax, Min = 0, Max = 100 },
            new LivabilityIndexComponent { IndicatorCode = "minutes", Weight = 0.4, Direction = Direction.LowerIsBetter, Normalisation = Normalisation.MinMax, Min = 10, Max = 30 });
        var result = LivabilityIndex.Compute(definition, [new("park", Y2024, "A", 80), new("minutes", Y2024, "A", 15)]).Single();

        // park 80; minutes (30−15)/(30−10) = 75 → 0.6×80 + 0.4×75 = 78
        Assert.Equal(78, result.Index, 9);
        Assert.Equal(1, result.Coverage, 9);
        Assert.Contains("0.6×park + 0.4×minutes", definition.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_max_without_bounds_uses_the_observed_range_across_districts()
    {
        var definition = Definition(new LivabilityIndexComponent { IndicatorCode = "x", Weight = 1, Direction = Direction.HigherIsBetter, Normalisation = Normalisation.MinMax });
        var result = LivabilityIndex.Compute(definition, [new("x", Y2024, "A", 10), new("x", Y2024, "B", 20), new("x", Y2024, "C", 30)]);
        Assert.Equal([0.0, 50.0, 100.0], result.Select(r => r.Index));
    }

    [Fact]
    public void Target_based_caps_at_the_target()
    {
        var definition = Definition(new LivabilityIndexComponent { IndicatorCode = "care", Weight = 1, Direction = Direction.HigherIsBetter, Normalisation = Normalisation.TargetBased, Target = 90, Baseline = 50 });
        var result = LivabilityIndex.Compute(definition, [new("care", Y2024, null, 70), new("care", Y2024.Next(), null, 95)]);
        Assert.Equal([50.0, 100.0], result.Select(r => r.Index));
    }

    [Fact]
    public void Missing_components_are_reweighted_and_coverage_reported()
    {
        var definition = Definition(
            new LivabilityIndexComponent { IndicatorCode = "a", Weight = 0.75, Direction = Direction.HigherIsBetter, Normalisation = Normalisation.MinMax, Min = 0, Max = 10 },
            new LivabilityIndexComponent { IndicatorCode = "b", Weight = 0.25, Direction = Direction.HigherIsBetter, Normalisation = Normalisation.MinMax, Min = 0, Max = 10 });
        var result = LivabilityIndex.Compute(definition, [new("a", Y2024, "A", 4), new("unrelated", Y2024, "A", 1)]).Single();
        Assert.Equal(40, result.Index, 9);
        Assert.Equal(0.75, result.Coverage, 9);
        Assert.Single(result.Components);
    }

    [Fact]
    public void Definitions_are_checked()
    {
        Assert.Throws<ProgrammeRuleException>(() => LivabilityIndex.Compute(
            Definition(new LivabilityIndexComponent { IndicatorCode = "a", Weight = 0.5, Normalisation = Normalisation.MinMax }), []));
        Assert.Throws<ProgrammeRuleException>(() => LivabilityIndex.Compute(
            Definition(new LivabilityIndexComponent { IndicatorCode = "a", Weight = 1, Direction = Direction.ForInformation }), []));
        Assert.Throws<ProgrammeRuleException>(() => LivabilityIndex.Compute(
            Definition(new LivabilityIndexComponent { IndicatorCode = "a", Weight = 1, Normalisation = Normalisation.TargetBased }), []));
    }
}
