using System.Text.Json;
using Yiju.Kernel.Geo;

namespace Yiju.UnitTests.Kernel;

public class Gcj02Tests
{
    [Fact]
    public void Harbin_is_shifted_by_a_few_hundred_metres_and_converts_back()
    {
        var wgs = new GeoPoint(45.7732, 126.6177);
        var gcj = Gcj02.FromWgs84(wgs);
        Assert.InRange(wgs.DistanceTo(gcj), 200, 700);
        Assert.True(wgs.DistanceTo(Gcj02.ToWgs84(gcj)) < 0.001, "inverse must be below a millimetre");
    }

    [Fact]
    public void Points_outside_China_are_unchanged()
    {
        var porto = new GeoPoint(41.15, -8.61);
        Assert.Equal(porto, Gcj02.FromWgs84(porto));
    }

    [Fact]
    public void Shipped_district_boundaries_are_the_WGS84_conversion_of_the_source()
    {
        var sourcePath = Path.Combine(TestPaths.SharedData, "admin-boundaries", "230100_full.json");
        var shippedPath = Path.Combine(TestPaths.RepositoryRoot, "src", "Yiju.Organisation", "SeedData", "harbin-districts.wgs84.geojson");
        using var source = JsonDocument.Parse(File.ReadAllText(sourcePath));
        using var shipped = JsonDocument.Parse(File.ReadAllText(shippedPath));
        var shippedByCode = shipped.RootElement.GetProperty("features").EnumerateArray()
            .ToDictionary(f => f.GetProperty("properties").GetProperty("code").GetString()!, f => f.GetProperty("geometry").GetProperty("coordinates"));
        var compared = 0;
        foreach (var feature in source.RootElement.GetProperty("features").EnumerateArray())
        {
            var code = feature.GetProperty("properties").GetProperty("adcode").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var src = feature.GetProperty("geometry").GetProperty("coordinates");
            var dst = shippedByCode[code];
            for (var p = 0; p < src.GetArrayLength(); p++)
            {
                for (var r = 0; r < src[p].GetArrayLength(); r++)
                {
                    for (var i = 0; i < src[p][r].GetArrayLength(); i += 10)
                    {
                        var expected = Gcj02.ToWgs84(new GeoPoint(src[p][r][i][1].GetDouble(), src[p][r][i][0].GetDouble()));
                        var actual = new GeoPoint(dst[p][r][i][1].GetDouble(), dst[p][r][i][0].GetDouble());
                        Assert.True(expected.DistanceTo(actual) < 0.05, $"{code} vertex {i}: {expected} vs {actual}");
                        compared++;
                    }
                }
            }
        }
        Assert.Equal(18, shippedByCode.Count);
        Assert.True(compared > 500, $"compared only {compared} vertices");
    }
}
