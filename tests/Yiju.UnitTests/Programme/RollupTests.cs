using Yiju.Programme.Domain;

namespace Yiju.UnitTests.Programme;

public class RollupTests
{
    [Fact]
    public void Rates_roll_up_from_parts_not_by_averaging()
    {
        var city = Rollup.ToCity(DistrictRollup.NumeratorDenominator, [new("A", 90, 90, 100), new("B", 10, 1, 10)])!;

        // The mean of 90% and 10% would be 50%; the city actually has 91 of 110.
        Assert.Equal(91.0 / 110 * 100, city.Value, 9);
        Assert.Equal(2, city.DistrictsReported);
        Assert.Null(Rollup.ToCity(DistrictRollup.NumeratorDenominator, [new("A", 90, null, null)]));
    }

    [Fact]
    public void Counts_sum_and_levels_do_not_roll_up()
    {
        Assert.Equal(30, Rollup.ToCity(DistrictRollup.Sum, [new("A", 10, null, null), new("B", 20, null, null)])!.Value);
        Assert.Null(Rollup.ToCity(DistrictRollup.None, [new("A", 10, null, null)]));
        Assert.Null(Rollup.ToCity(DistrictRollup.Sum, []));
    }
}
