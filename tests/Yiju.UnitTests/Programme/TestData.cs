using Yiju.Kernel.Indicators;
using Yiju.Programme.Domain;

namespace Yiju.UnitTests.Programme;

internal static class TestData
{
    public static readonly DateTime Now = new(2024, 7, 1, 2, 0, 0, DateTimeKind.Utc);

    public static Indicator Indicator(
        IndicatorKind kind = IndicatorKind.Count, Direction direction = Direction.HigherIsBetter,
        Accumulation accumulation = Accumulation.PerPeriod, PeriodType frequency = PeriodType.Year, long id = 7) =>
        new()
        {
            Id = id,
            Code = "T.I" + id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Name = "测试指标",
            Unit = kind == IndicatorKind.Rate ? "%" : "个",
            Kind = kind,
            Direction = direction,
            Accumulation = accumulation,
            Frequency = frequency,
            Rollup = kind == IndicatorKind.Rate ? DistrictRollup.NumeratorDenominator : DistrictRollup.Sum,
        };

    public static IndicatorTarget Annual(int year, double value) =>
        new() { Kind = TargetKind.Annual, FromYear = year, DeadlineYear = year, Value = value, Source = new("test", "") };

    public static IndicatorTarget Plan(int? from, int? deadline, double value) =>
        new() { Kind = TargetKind.PlanPeriod, FromYear = from, DeadlineYear = deadline, Value = value, Source = new("test", "") };

    public static ReportedValue Approved(Indicator indicator, string period, double value, string? district = null, DateOnly? observedThrough = null) =>
        ReportedValue.Published(indicator.Id, PeriodKey.Parse(period), district, value, new SourceReference("test", ""), Now, observedThrough);
}
