using System.Text;
using Yiju.Places.Domain;
using Yiju.Routing.Graph;

namespace Yiju.UnitTests.Places;

public sealed class AccessibilityTests
{
    // One straight footway along the meridian 126.6°E from 45.700° to 45.709° (about 1,000 m).
    private static WalkGraph Street()
    {
        const string xml = """
            <?xml version="1.0"?><osm version="0.6">
            <node id="1" lat="45.700" lon="126.6"/><node id="2" lat="45.7045" lon="126.6"/><node id="3" lat="45.709" lon="126.6"/>
            <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="footway"/></way>
            </osm>
            """;
        return WalkGraph.Load(new MemoryStream(Encoding.UTF8.GetBytes(xml)));
    }

    private static AgeCounts Children(double n) => new(n * 10, 0, n, 0, 0, 0);

    private static FacilityType Kindergarten() => FacilityTypeCatalogue.Seed().Single(t => t.Code == FacilityTypeCatalogue.Kindergarten);

    [Fact]
    public void Coverage_2sfca_and_suggestions_follow_the_network_distance()
    {
        var graph = Street();
        var analysis = new AccessibilityAnalysis(graph, new EdgeSnapper(graph));
        FacilityInput[] facilities = [new(1, FacilityTypeCatalogue.Kindergarten, "K1", 45.700, 126.6, 100)];
        PopulationInput[] homes =
        [
            new(1, 45.701, 126.6, Children(10), "230102", "s1"),   // ~111 m from K1
            new(2, 45.705, 126.6, Children(20), "230102", "s2"),   // ~556 m: outside 300 m
        ];

        var result = analysis.Run([Kindergarten()], facilities, homes, new AnalysisParameters(SuggestCount: 1));

        var type = Assert.Single(result.Types);
        var city = type.Areas.Single(a => a.AreaLevel == "city");
        Assert.Equal(30, city.Population);
        Assert.Equal(10, city.Covered);
        Assert.Equal(100.0 / 3, city.CoveragePercent, 6);
        Assert.Equal(100, type.Areas.Single(a => a.AreaCode == "s1").CoveragePercent);
        Assert.Equal(0, type.Areas.Single(a => a.AreaCode == "s2").CoveragePercent);

        // 2SFCA: 100 places over 10 children in reach = 10 per child, and only home 1 reaches it.
        var supply = Assert.Single(type.Supply);
        Assert.Equal(10, supply.Ratio2Sfca, 9);
        Assert.Equal(10.0 * 10 / 30, city.Access2Sfca, 9);
        // Decay: home 1 is in the second ring (100–200 m of 300 m): weight 0.68 cancels out for a single home.
        Assert.Equal(100 / (10 * 0.68), supply.RatioDecay, 9);
        Assert.Equal(10.0 * 10 / 30, city.AccessDecay, 9);

        var gap = Assert.Single(type.Gaps);
        Assert.Equal(2, gap.PopulationUnitId);
        Assert.InRange(gap.Distance, 550, 560);

        var site = Assert.Single(type.Suggestions);
        Assert.Equal(20, site.AddedPeople);
        Assert.Equal(45.705, site.Latitude, 4);
    }

    [Fact]
    public void A_facility_far_from_every_edge_is_flagged_not_snapped()
    {
        var graph = Street();
        var analysis = new AccessibilityAnalysis(graph, new EdgeSnapper(graph));
        FacilityInput[] facilities = [new(7, FacilityTypeCatalogue.Kindergarten, "Far", 45.704, 126.61, null)]; // ~780 m east
        var result = analysis.Run([Kindergarten()], facilities, [new(1, 45.701, 126.6, Children(5), null, null)], new AnalysisParameters());
        var flag = Assert.Single(result.FlaggedFacilities);
        Assert.Equal(7, flag.Id);
        Assert.Equal(0, result.Types[0].Facilities);
        Assert.Equal(0, result.Types[0].Areas.Single(a => a.AreaLevel == "city").Covered);
    }

    [Fact]
    public void A_larger_park_serves_the_smaller_parks_circles_but_not_the_reverse()
    {
        var types = FacilityTypeCatalogue.Seed().ToDictionary(t => t.Code);
        Assert.True(AccessibilityAnalysis.Serves(types["park-15"], types["park-5"]));
        Assert.False(AccessibilityAnalysis.Serves(types["park-5"], types["park-15"]));
        Assert.False(AccessibilityAnalysis.Serves(types["kindergarten"], types["childcare"]));
    }

    [Theory]
    [InlineData(0, 1.00)]
    [InlineData(99, 1.00)]
    [InlineData(150, 0.68)]
    [InlineData(250, 0.22)]
    [InlineData(300, 0.22)]
    public void Decay_weights_are_three_equal_rings(double d, double weight) =>
        Assert.Equal(weight, AccessibilityAnalysis.Weight(d, 300));

    [Fact]
    public void Catalogue_distances_follow_the_life_circles()
    {
        foreach (var t in FacilityTypeCatalogue.Seed())
        {
            Assert.Equal(LifeCircles.StandardDistance(t.Level), t.WalkingDistance);
            Assert.StartsWith("GB 50180-2018", t.Clause, StringComparison.Ordinal);
        }

        var byCode = FacilityTypeCatalogue.Seed().ToDictionary(t => t.Code);
        Assert.Equal(LifeCircleLevel.FiveMinute, byCode["kindergarten"].Level);
        Assert.Equal(LifeCircleLevel.TenMinute, byCode["primary-school"].Level);
        Assert.Equal(LifeCircleLevel.FifteenMinute, byCode["middle-school"].Level);
        Assert.Equal(AgeGroup.Age65Plus, byCode["elderly-care-home"].TargetGroup);
    }
}

public sealed class FacilityFileTests
{
    private static readonly HashSet<string> Known = FacilityTypeCatalogue.Seed().Select(t => t.Code).ToHashSet();

    [Theory]
    [InlineData("amenity=school", "哈尔滨市第三中学", "middle-school")]
    [InlineData("amenity=school", "兆麟小学", "primary-school")]
    [InlineData("amenity=kindergarten", "", "kindergarten")]
    [InlineData("amenity=hospital", "", "health-centre")]
    [InlineData("shop=supermarket", "", "market")]
    [InlineData("railway=station", "", null)]
    public void Osm_tags_map_to_facility_types(string tag, string name, string? expected) =>
        Assert.Equal(expected, FacilityFile.MapOsm("x", tag, name, null, null).Code);

    [Theory]
    [InlineData(60_000, "park-15")]
    [InlineData(20_000, "park-10")]
    [InlineData(5_000, "park-5")]
    [InlineData(1_000, null)]
    public void Parks_are_levelled_by_area(double area, string? expected) =>
        Assert.Equal(expected, FacilityFile.MapOsm("park", "leisure=park", "", null, area).Code);

    [Fact]
    public void The_shipped_harbin_file_maps_and_reports_what_it_skips()
    {
        using var file = File.OpenRead(Path.Combine(TestPaths.SharedData, "facilities-harbin", "harbin_central_facilities_osm.geojson"));
        var result = FacilityFile.ReadGeoJson(file, Known);
        Assert.Empty(result.Errors);
        Assert.Equal(16, result.Facilities.Count(f => f.TypeCode == "kindergarten"));
        Assert.Equal(4, result.Facilities.Count(f => f.TypeCode == "childcare"));
        Assert.Equal(221, result.Facilities.Count(f => f.TypeCode is "primary-school" or "middle-school"));
        Assert.True(result.Skipped["transit"] > 200);
        Assert.Equal(1609, result.Facilities.Count + result.Skipped.Values.Sum());
    }

    [Fact]
    public void Csv_rows_with_bad_types_or_coordinates_are_reported()
    {
        const string csv = "type_code,name,lat,lon,capacity\nkindergarten,A,45.7,126.6,90\nnope,B,45.7,126.6,\nmarket,C,x,126.6,\n";
        var result = FacilityFile.ReadCsv(new StringReader(csv), Known);
        Assert.Single(result.Facilities);
        Assert.Equal(90, result.Facilities[0].Capacity);
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void Population_estimate_reads_residential_buildings_from_the_harbin_extract()
    {
        var estimate = new PopulationEstimate();
        Yiju.Routing.Osm.OsmReader.Read(Path.Combine(TestPaths.SharedData, "osm", "harbin-central.osm.pbf"), estimate);
        var units = estimate.Units();
        Assert.NotEmpty(units);
        var total = units.Sum(u => u.Counts.Total);
        // Central Harbin has a few million residents; OSM's incomplete buildings give less, but not absurdly so.
        Assert.InRange(total, 50_000, 6_000_000);
        Assert.All(units, u => Assert.Equal(u.Counts.Total * PopulationEstimate.Shares.Age65Plus, u.Counts.Age65Plus, 6));
    }
}

public sealed class PopulationFileTests
{
    [Fact]
    public void Census_csv_rows_are_checked_and_read()
    {
        const string csv = "lat,lon,total,age_0_3,age_3_6,age_6_12,age_12_15,age_65_plus\n45.76,126.63,1000,20,25,50,30,180\n45.76,126.63,10,5,5,5,0,0\n45.76,x,1,0,0,0,0,0\n";
        var (rows, errors) = PopulationFile.ReadCsv(new StringReader(csv));
        var row = Assert.Single(rows);
        Assert.Equal(180, row.Counts.For(AgeGroup.Age65Plus));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_census_file_with_the_wrong_header_is_refused()
    {
        var (rows, errors) = PopulationFile.ReadCsv(new StringReader("x,y\n1,2\n"));
        Assert.Empty(rows);
        Assert.Single(errors);
    }
}
