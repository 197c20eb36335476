using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;

namespace Yiju.IntegrationTests.Places;

/// <summary>The places API on a real database: bad files change nothing; an import and a run give coverage by district.</summary>
public abstract class PlacesApiTests(AppFixture fixture)
{
    private static string SharedData
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Yiju.slnx")))
                dir = dir.Parent;
            return Path.Combine(Path.GetDirectoryName(dir!.FullName)!, "shared", "data");
        }
    }

    private static string HarbinPbf => Path.Combine(SharedData, "osm", "harbin-central.osm.pbf");

    private static MultipartFormDataContent File(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    private static (int Networks, int Units, int Facilities) Counts(YijuApp app) =>
        app.Db(db => (db.WalkingNetworks.Count(), db.PopulationUnits.Count(), db.Facilities.Count()));

    [Fact]
    public async Task A_truncated_or_non_OSM_file_is_refused_and_nothing_is_imported()
    {
        var app = fixture.Require();
        var (client, _) = await app.ClientFor(Role.CityAdmin);
        var ct = TestContext.Current.CancellationToken;
        var before = Counts(app);
        var truncated = (await System.IO.File.ReadAllBytesAsync(HarbinPbf, ct))[..400_000];
        foreach (var (bytes, name) in new[] { (truncated, "cut.osm.pbf"), (Encoding.UTF8.GetBytes("name,lat,lon\nx,1,2\n"), "not-osm.pbf") })
        {
            var response = await client.PostAsync("/api/v1/places/network", File(bytes, name), ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            Assert.Contains("nothing was imported", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, Counts(app));
    }

    [Fact]
    public async Task A_facility_file_with_a_bad_row_imports_nothing()
    {
        var app = fixture.Require();
        var (client, _) = await app.ClientFor(Role.CityAdmin);
        var ct = TestContext.Current.CancellationToken;
        var before = Counts(app);
        var csv = "type_code,name,lat,lon,capacity\nkindergarten,好的幼儿园,45.76,126.63,90\nnot-a-type,坏的,45.76,126.63,\n";
        var response = await client.PostAsync("/api/v1/places/facilities/import", File(Encoding.UTF8.GetBytes(csv), "f.csv"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not-a-type", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(before, Counts(app));
    }

    [Fact]
    public async Task A_census_file_with_a_bad_row_loads_nothing()
    {
        var app = fixture.Require();
        var (client, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        var ct = TestContext.Current.CancellationToken;
        var before = Counts(app);
        var csv = "lat,lon,total,age_0_3,age_3_6,age_6_12,age_12_15,age_65_plus\n45.76,126.63,100,2,2,5,3,15\n45.76,126.63,10,50,0,0,0,0\n";
        var response = await client.PostAsync("/api/v1/places/population/import", File(Encoding.UTF8.GetBytes(csv), "census.csv"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, Counts(app));
    }

    [Fact]
    public async Task Only_planners_import_and_run()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var anonymous = await app.CreateClient().PostAsJsonAsync("/api/v1/places/runs", new { sites = 1 }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var (operatorClient, _) = await app.ClientFor(Role.HotlineOperator);
        var denied = await operatorClient.PostAsJsonAsync("/api/v1/places/runs", new { sites = 1 }, ct);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Importing_Harbin_and_running_an_analysis_gives_coverage_by_district_catchments_and_sites()
    {
        var app = fixture.Require();
        var (client, _) = await app.ClientFor(Role.CityAdmin);
        var ct = TestContext.Current.CancellationToken;
        var import = await client.PostAsync("/api/v1/places/network", File(await System.IO.File.ReadAllBytesAsync(HarbinPbf, ct), "harbin-central.osm.pbf"), ct);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var imported = await import.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(imported.GetProperty("vertices").GetInt32() > 10_000);
        Assert.True(imported.GetProperty("estimatedUnits").GetInt32() > 1_000);

        var run = await client.PostAsJsonAsync("/api/v1/places/runs", new { sites = 2 }, ct);
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        var runId = (await run.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();

        var anonymous = app.CreateClient();
        var districts = await anonymous.GetFromJsonAsync<JsonElement[]>($"/api/v1/places/runs/{runId}/coverage?level=district&type=primary-school", ct);
        Assert.NotNull(districts);
        var daoli = Assert.Single(districts, d => d.GetProperty("areaCode").GetString() == "230102");
        Assert.Equal("道里区", daoli.GetProperty("areaName").GetString());
        Assert.InRange(daoli.GetProperty("coveragePercent").GetDouble(), 1, 100);
        Assert.True(daoli.GetProperty("access2Sfca").GetDouble() > 0);

        var detail = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/places/runs/{runId}", ct);
        Assert.True(detail.GetProperty("inputs").GetProperty("estimatedPopulation").GetBoolean());
        var school = detail.GetProperty("result").GetProperty("types").EnumerateArray().Single(t => t.GetProperty("typeCode").GetString() == "primary-school");
        var sites = school.GetProperty("suggestions").EnumerateArray().ToList();
        Assert.Equal(2, sites.Count);
        Assert.True(sites[0].GetProperty("addedPeople").GetDouble() >= sites[1].GetProperty("addedPeople").GetDouble());

        var facilities = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/places/facilities?type=primary-school", ct);
        var facilityId = facilities.GetProperty("features")[0].GetProperty("properties").GetProperty("id").GetInt64();
        var catchment = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/places/facilities/{facilityId}/catchment", ct);
        Assert.Contains(catchment.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });

        var within = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/places/within?lat=45.7732&lon=126.6177", ct); // 中央大街
        Assert.True(within.GetProperty("facilities").GetArrayLength() > 0);
        Assert.All(within.GetProperty("facilities").EnumerateArray(), f => Assert.InRange(f.GetProperty("distance").GetDouble(), 0, 1000));

        // Coverage reaches Programme through the Kernel's indicator feed, city-wide and per district.
        using (var scope = app.Services.CreateScope())
        {
            var feed = scope.ServiceProvider.GetServices<IIndicatorFeed>().Single(f => f.FeedName == "places");
            Assert.Contains("PLACES.COVERAGE.primary-school", feed.IndicatorCodes);
            var figures = await feed.GetFiguresAsync(PeriodKey.ForYear(DateTime.UtcNow.Year), ct);
            var cityFigure = Assert.Single(figures, f => f.IndicatorCode == "PLACES.COVERAGE.primary-school" && f.DistrictCode is null);
            Assert.Equal(cityFigure.Numerator!.Value / cityFigure.Denominator!.Value * 100, cityFigure.Value, 6);
            Assert.Contains(figures, f => f.IndicatorCode == "PLACES.COVERAGE.primary-school" && f.DistrictCode == "230102");
        }

        var outside = await anonymous.GetAsync("/api/v1/places/within?lat=44.9180&lon=127.1670", ct); // 五常市: outside the extract
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("outside the imported network", await outside.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }
}

public sealed class PlacesApiOnSqlite(SqliteFixture fixture) : PlacesApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PlacesApiOnPostgres(PostgresFixture fixture) : PlacesApiTests(fixture), IClassFixture<PostgresFixture>;
