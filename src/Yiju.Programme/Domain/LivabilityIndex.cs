using System.Globalization;
using Yiju.Kernel.Indicators;

namespace Yiju.Programme.Domain;

public enum Normalisation
{
    /// <summary>
    /// (value − min) ÷ (max − min) × 100, reversed for lower-is-better. Min and max are the component's fixed bounds
    /// when set (scores then stay comparable over time); otherwise the lowest and highest values in the data given
    /// to the computation, across all its periods and districts.
    /// </summary>
    MinMax = 0,

    /// <summary>min(share of target reached, 1) × 100, using the component's target and optional baseline.</summary>
    TargetBased = 1,
}

/// <summary>A versioned definition of the 宜居指数: which indicators, how each is scaled, and its weight.</summary>
public sealed class LivabilityIndexDefinition
{
    public long Id { get; set; }

    public string Code { get; set; } = "";

    public int VersionNumber { get; set; }

    public string Name { get; set; } = "宜居指数";

    public DateTime PublishedAtUtc { get; set; }

    public List<LivabilityIndexComponent> Components { get; set; } = [];

    /// <summary>Who published this version (a coordinator's user name, or "seed" for the platform default).</summary>
    public string PublishedBy { get; set; } = "";

    /// <summary>Optimistic concurrency token. A published version is never edited: a new definition is a new row.</summary>
    public long Version { get; set; }

    public void EnsureValid()
    {
        if (Components.Count == 0
            || Components.Any(c => c.Weight <= 0 || !double.IsFinite(c.Weight))
            || Math.Abs(Components.Sum(c => c.Weight) - 1) > 1e-9)
        {
            throw new ProgrammeRuleException("宜居指数至少包含一个指标，权重须为正数且合计为1。");
        }

        foreach (var c in Components)
        {
            if (c.Direction == Direction.ForInformation)
            {
                throw new ProgrammeRuleException($"指标 {c.IndicatorCode} 仅供参考，没有优劣方向，不能计入宜居指数。");
            }

            if (c.Normalisation == Normalisation.TargetBased && c.Target is null)
            {
                throw new ProgrammeRuleException($"指标 {c.IndicatorCode} 按目标值标准化，须设定目标值。");
            }

            if (c.Min is { } min && c.Max is { } max && max <= min)
            {
                throw new ProgrammeRuleException($"指标 {c.IndicatorCode} 的上限须大于下限。");
            }
        }
    }

    public string Formula => string.Join(" + ", Components.Select(c => string.Format(
        CultureInfo.InvariantCulture, "{0}×{1}", c.Weight, c.IndicatorCode)))
        + string.Format(CultureInfo.InvariantCulture, "（各指标先标准化为0–100分；{0} 第{1}版）", Name, VersionNumber);
}

public sealed class LivabilityIndexComponent
{
    public long Id { get; set; }

    public long DefinitionId { get; set; }

    /// <summary>Order in the definition as published.</summary>
    public int SortOrder { get; set; }

    public string IndicatorCode { get; set; } = "";

    public double Weight { get; set; }

    /// <summary>Copied from the indicator when the definition is made, so that the definition stands on its own.</summary>
    public Direction Direction { get; set; }

    public Normalisation Normalisation { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    public double? Target { get; set; }

    public double? Baseline { get; set; }
}

public sealed record IndexObservation(string IndicatorCode, PeriodKey Period, string? DistrictCode, double Value);

public sealed record IndexComponentScore(string IndicatorCode, double Value, double Score, double Weight);

/// <summary>
/// One index value. When some components have no value for a period and district, the weights of those present are
/// scaled up to 1, and <see cref="Coverage"/> (the sum of the original weights present) says how much of the index
/// was measured; the UI should show it and may hide values with low coverage.
/// </summary>
public sealed record IndexValue(PeriodKey Period, string? DistrictCode, double Index, double Coverage, IReadOnlyList<IndexComponentScore> Components);

public static class LivabilityIndex
{
    public static IReadOnlyList<IndexValue> Compute(LivabilityIndexDefinition definition, IReadOnlyCollection<IndexObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(observations);
        definition.EnsureValid();

        var byCode = definition.Components.ToDictionary(c => c.IndicatorCode, StringComparer.Ordinal);
        var relevant = observations.Where(o => byCode.ContainsKey(o.IndicatorCode) && double.IsFinite(o.Value)).ToList();
        var observedRange = relevant.GroupBy(o => o.IndicatorCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Min: g.Min(o => o.Value), Max: g.Max(o => o.Value)), StringComparer.Ordinal);

        return relevant
            .GroupBy(o => (o.Period, o.DistrictCode))
            .OrderBy(g => g.Key.Period)
            .ThenBy(g => g.Key.DistrictCode, StringComparer.Ordinal)
            .Select(g =>
            {
                var scores = g.GroupBy(o => o.IndicatorCode, StringComparer.Ordinal)
                    .Select(cg =>
                    {
                        var component = byCode[cg.Key];
                        var value = cg.Last().Value;
                        return new IndexComponentScore(cg.Key, value, Normalise(component, value, observedRange[cg.Key]), component.Weight);
                    })
                    .OrderBy(s => s.IndicatorCode, StringComparer.Ordinal)
                    .ToList();
                var coverage = scores.Sum(s => s.Weight);
                var index = scores.Sum(s => s.Weight * s.Score) / coverage;
                return new IndexValue(g.Key.Period, g.Key.DistrictCode, Math.Round(index, 2), Math.Round(coverage, 6), scores);
            })
            .ToList();
    }

    public static double Normalise(LivabilityIndexComponent component, double value, (double Min, double Max) observed)
    {
        ArgumentNullException.ThrowIfNull(component);
        switch (component.Normalisation)
        {
            case Normalisation.MinMax:
                var min = component.Min ?? observed.Min;
                var max = component.Max ?? observed.Max;
                if (max <= min)
                {
                    // Every district has the same value: nobody is better or worse, so all sit at the full score.
                    return 100;
                }

                var scaled = (Math.Clamp(value, min, max) - min) / (max - min);
                return 100 * (component.Direction == Direction.LowerIsBetter ? 1 - scaled : scaled);
            case Normalisation.TargetBased:
                var share = Progress.ShareOfTarget(component.Direction, value, component.Target!.Value, component.Baseline);
                return share is { } s ? 100 * Math.Clamp(s, 0, 1) : 0;
            default:
                throw new ArgumentOutOfRangeException(nameof(component));
        }
    }
}
