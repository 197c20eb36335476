using Yiju.Kernel.Geo;

namespace Yiju.UnitTests.Kernel;

public class GeoPointTests
{
    [Fact]
    public void Distance_between_Harbin_central_street_and_Harbin_station_is_about_1_2_km()
    {
        var zhongyangDajie = new GeoPoint(45.7732, 126.6177);
        var station = new GeoPoint(45.7607, 126.6286);
        Assert.InRange(zhongyangDajie.DistanceTo(station), 1500, 1700);
    }

    [Theory]
    [InlineData(91, 0)]
    [InlineData(0, 181)]
    [InlineData(double.NaN, 0)]
    public void Out_of_range_points_are_invalid(double lat, double lon) =>
        Assert.False(new GeoPoint(lat, lon).IsValid);
}
