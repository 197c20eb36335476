using System.Globalization;
using Yiju.Programme.Domain;

namespace Yiju.Bench.Programme;

/// <summary>A synthetic indicator of the benchmark programme (kept in the real tables, on Harbin's tasks).</summary>
public sealed record BenchIndicator(
    long Id, long TaskId, string Code, string Name, string Unit, Direction Direction, IndicatorKind Kind,
    DistrictRollup Rollup, Accumulation Accumulation, double? Baseline);

public sealed record BenchTarget(
    long Id, long IndicatorId, TargetKind Kind, int? FromYear, int? DeadlineYear, bool RepeatsEachYear, double Value,
    string? DistrictCode, string PeriodLabel);

/// <summary>One approved, current value; the writer adds its three history steps (entered, submitted, approved).</summary>
public readonly record struct BenchValue(
    Guid Id, long IndicatorId, string Period, string? DistrictCode, double Value, double? Numerator, double? Denominator, DateTime EnteredAtUtc);

/// <summary>
/// The benchmark's data, generated deterministically (fixed seed): 500 indicators spread over Harbin's 71 tasks (so over
/// the six homes and 15 goals), each reported monthly for 2022-01…2026-12 (60 periods) for each of the 18 districts
/// (540,000 district values) and for the city (30,000 more: the districts' sum, Σ numerators ÷ Σ denominators for rates,
/// the mean for levels). Every value is approved and current. Targets: a 2022–2026 plan target for every indicator,
/// yearly or repeating yearly targets for some, and per-district plan targets for every fifth. Target values are set
/// from the generated trajectory times a factor, so that met, on track, at risk and lagging all occur.
/// </summary>
public sealed class Dataset
{
    public const int IndicatorCount = 500;
    public const int FirstYear = 2022;
    public const int LastYear = 2026;
    public const int Months = (LastYear - FirstYear + 1) * 12;
    private static readonly double[] TargetFactors = [0.85, 0.97, 1.0, 1.04, 1.1, 1.25, 1.6];

    public IReadOnlyList<BenchIndicator> Indicators { get; }
    public IReadOnlyList<BenchTarget> Targets { get; }
    public IReadOnlyList<string> Districts { get; }

    private readonly int _seed;

    private Dataset(IReadOnlyList<BenchIndicator> indicators, IReadOnlyList<BenchTarget> targets, IReadOnlyList<string> districts, int seed)
    {
        Indicators = indicators;
        Targets = targets;
        Districts = districts;
        _seed = seed;
    }

    public long ValueCount => (long)Indicators.Count * Months * (Districts.Count + 1);

    /// <param name="tasks">Harbin's tasks (id, code) in id order.</param>
    /// <param name="districts">The 18 district codes.</param>
    public static Dataset Generate(IReadOnlyList<(long Id, string Code)> tasks, IReadOnlyList<string> districts, int seed = 20261122)
    {
        var random = new Random(seed);
        var indicators = new List<BenchIndicator>();
        var targets = new List<BenchTarget>();
        var perTask = new Dictionary<long, int>();
        long targetId = 1;
        for (var i = 1; i <= IndicatorCount; i++)
        {
            var task = tasks[(i - 1) % tasks.Count];
            var n = perTask[task.Id] = perTask.GetValueOrDefault(task.Id) + 1;
            var (kind, accumulation, rollup, direction, unit) = ((i - 1) % 20) switch
            {
                < 7 => (IndicatorKind.Count, Accumulation.PerPeriod, DistrictRollup.Sum, Direction.HigherIsBetter, "个"),
                7 => (IndicatorKind.Count, Accumulation.PerPeriod, DistrictRollup.Sum, Direction.LowerIsBetter, "起"),
                < 11 => (IndicatorKind.Amount, Accumulation.PerPeriod, DistrictRollup.Sum, Direction.HigherIsBetter, "万元"),
                < 13 => (IndicatorKind.Count, Accumulation.Cumulative, DistrictRollup.Sum, Direction.HigherIsBetter, "套"),
                < 17 => (IndicatorKind.Rate, Accumulation.PerPeriod, DistrictRollup.NumeratorDenominator, Direction.HigherIsBetter, "%"),
                17 => (IndicatorKind.Rate, Accumulation.PerPeriod, DistrictRollup.NumeratorDenominator, Direction.LowerIsBetter, "%"),
                18 => (IndicatorKind.Level, Accumulation.PerPeriod, DistrictRollup.None, Direction.LowerIsBetter, "分钟"),
                _ => (IndicatorKind.Count, Accumulation.PerPeriod, DistrictRollup.Sum, Direction.ForInformation, "件"),
            };
            var additive = accumulation == Accumulation.PerPeriod && kind is IndicatorKind.Count or IndicatorKind.Amount;
            // Points-in-time (rates, levels, stocks) have a baseline every other time; sums over time have none.
            double? baseline = !additive && i % 2 == 0 ? StartLevel(kind, direction) : null;
            indicators.Add(new BenchIndicator(i, task.Id, $"{task.Code}.B{n}", $"基准测试指标{i:000}（合成数据）", unit,
                direction, kind, rollup, accumulation, baseline));

            // The plan target relative to where the generated series ends, so statuses vary.
            var factor = TargetFactors[random.Next(TargetFactors.Length)];
            var cityEnd = CityTrajectoryEnd(kind, direction, additive, districts.Count);
            var planValue = Round(direction == Direction.LowerIsBetter ? cityEnd / factor : cityEnd * factor, kind);
            targets.Add(new BenchTarget(targetId++, i, TargetKind.PlanPeriod, FirstYear, LastYear, false, planValue, null, "2022..2026"));
            if (additive && i % 4 == 0)
            {
                targets.Add(new BenchTarget(targetId++, i, TargetKind.Annual, FirstYear, LastYear, true,
                    Round(planValue / 5 * TargetFactors[random.Next(TargetFactors.Length)], kind), null, "2022..2026/yr"));
            }
            else if (i % 4 == 1)
            {
                for (var y = FirstYear; y <= LastYear; y++)
                {
                    var share = additive ? 1.0 / 5 : 1.0;
                    targets.Add(new BenchTarget(targetId++, i, TargetKind.Annual, null, y, false,
                        Round(planValue * share * TargetFactors[random.Next(TargetFactors.Length)], kind), null,
                        y.ToString(CultureInfo.InvariantCulture)));
                }
            }

            if (i % 5 == 0)
            {
                foreach (var d in districts)
                {
                    var districtValue = rollup == DistrictRollup.Sum ? planValue / districts.Count : planValue;
                    targets.Add(new BenchTarget(targetId++, i, TargetKind.PlanPeriod, FirstYear, LastYear, false,
                        Round(districtValue * TargetFactors[random.Next(TargetFactors.Length)], kind), d, "2022..2026"));
                }
            }
        }

        return new Dataset(indicators, targets, districts, seed);
    }

    /// <summary>All values, indicator by indicator, month by month, districts then the city. Deterministic.</summary>
    public IEnumerable<BenchValue> Values()
    {
        foreach (var indicator in Indicators)
        {
            var random = new Random(_seed ^ (int)(indicator.Id * 7919));
            var additive = indicator.Accumulation == Accumulation.PerPeriod && indicator.Kind is IndicatorKind.Count or IndicatorKind.Amount;
            var scale = Districts.Select(_ => 0.5 + random.NextDouble()).ToArray();
            var stock = Districts.Select((_, d) => 200 * scale[d]).ToArray();
            var idBytes = new byte[16];
            for (var m = 0; m < Months; m++)
            {
                var year = FirstYear + m / 12;
                var month = m % 12 + 1;
                var period = $"{year:0000}-{month:00}";
                var entered = new DateTime(year, month, 1, 2, 0, 0, DateTimeKind.Utc).AddMonths(1).AddDays(3);
                double sum = 0, numerators = 0, denominators = 0;
                var t = (double)m / Months;
                for (var d = 0; d < Districts.Count; d++)
                {
                    var noise = 0.9 + 0.2 * random.NextDouble();
                    double value;
                    double? numerator = null, denominator = null;
                    switch (indicator.Kind)
                    {
                        case IndicatorKind.Rate:
                            var rate = indicator.Direction == Direction.LowerIsBetter ? 30 - 15 * t : 60 + 30 * t;
                            denominator = Math.Round(1000 * scale[d]);
                            numerator = Math.Round(denominator.Value * Math.Clamp(rate * noise, 0, 100) / 100);
                            value = Math.Round(numerator.Value / denominator.Value * 100, 2);
                            numerators += numerator.Value;
                            denominators += denominator.Value;
                            break;
                        case IndicatorKind.Level:
                            value = Math.Round((20 - 6 * t) * noise * scale[d], 1);
                            break;
                        default:
                            if (indicator.Accumulation == Accumulation.Cumulative)
                            {
                                stock[d] += 10 * scale[d] * noise;
                                value = Math.Round(stock[d]);
                            }
                            else
                            {
                                value = Round(20 * scale[d] * (1 + 0.5 * t) * noise, indicator.Kind);
                            }
                            break;
                    }

                    sum += value;
                    yield return new BenchValue(NextId(random, idBytes), indicator.Id, period, Districts[d], value, numerator, denominator, entered);
                }

                var city = indicator.Kind switch
                {
                    IndicatorKind.Rate => Math.Round(numerators / denominators * 100, 2),
                    IndicatorKind.Level => Math.Round(sum / Districts.Count, 1),
                    _ => additive || indicator.Accumulation == Accumulation.Cumulative ? Math.Round(sum, 2) : sum,
                };
                yield return new BenchValue(NextId(random, idBytes), indicator.Id, period, null, city,
                    indicator.Kind == IndicatorKind.Rate ? numerators : null, indicator.Kind == IndicatorKind.Rate ? denominators : null, entered);
            }
        }
    }

    private static Guid NextId(Random random, byte[] bytes)
    {
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static double StartLevel(IndicatorKind kind, Direction direction) => kind switch
    {
        IndicatorKind.Rate => direction == Direction.LowerIsBetter ? 32 : 55,
        IndicatorKind.Level => 21,
        _ => 1800,
    };

    /// <summary>Roughly where the city's series stands at the end of 2026 (total over the plan for sums).</summary>
    private static double CityTrajectoryEnd(IndicatorKind kind, Direction direction, bool additive, int districts) => kind switch
    {
        IndicatorKind.Rate => direction == Direction.LowerIsBetter ? 15 : 90,
        IndicatorKind.Level => 14,
        _ when additive => 20 * 1.25 * Months * districts,
        _ => (200 + 10 * Months) * districts,
    };

    private static double Round(double value, IndicatorKind kind) =>
        kind is IndicatorKind.Amount or IndicatorKind.Rate or IndicatorKind.Level ? Math.Round(value, 2) : Math.Round(value);
}
