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

    /// <summary>
    /// Queues an analysis (202 with the job) and polls the job until the background worker has saved the run. The
    /// limit only stops a hung test; nothing is asserted about how long it took.
    /// </summary>
    internal static async Task<long> RunAndWait(HttpClient client, object request, CancellationToken ct)
    {
        var queued = await client.PostAsJsonAsync("/api/v1/places/runs", request, ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var job = await queued.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("Queued", job.GetProperty("status").GetString());
        var location = queued.Headers.Location!.ToString();
        for (var i = 0; i < 1200; i++)
        {
            job = await client.GetFromJsonAsync<JsonElement>(location, ct);
            var status = job.GetProperty("status").GetString();
            if (status == "Succeeded")
                return job.GetProperty("runId").GetInt64();
            Assert.True(status != "Failed", job.GetProperty("failureReason").GetString());
            await Task.Delay(250, ct);
        }

        throw new TimeoutException("the analysis job did not finish within 5 minutes");
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

        var runId = await RunAndWait(client, new { sites = 2 }, ct);

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

        // Editing a type applies to runs queued afterwards; the saved run keeps the standard it was measured against.
        var types = await anonymous.GetFromJsonAsync<JsonElement[]>("/api/v1/places/types", ct);
        var schoolType = types!.Single(t => t.GetProperty("code").GetString() == "primary-school");
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        var widened = await coordinator.PutAsJsonAsync("/api/v1/places/types/primary-school", TypeEdit(schoolType, 800), ct);
        Assert.Equal(HttpStatusCode.OK, widened.StatusCode);
        var second = await RunAndWait(client, new { sites = 1 }, ct);

        var first = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/places/runs/{runId}", ct);
        double Distance(JsonElement run) => run.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "primary-school").GetProperty("walkingDistance").GetDouble();
        Assert.Equal(500, Distance(first));
        Assert.Equal(800, Distance(await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/places/runs/{second}", ct)));
        Assert.Equal("—", first.GetProperty("run").GetProperty("startedBy").GetString()); // who ran it is for planners only

        var comparison = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/places/runs/compare?a={runId}&b={second}", ct);
        var settings = comparison.GetProperty("settings").EnumerateArray().ToList();
        Assert.True(settings.Single(x => x.GetProperty("name").GetString() == "standard:primary-school").GetProperty("differs").GetBoolean());
        Assert.True(settings.Single(x => x.GetProperty("name").GetString() == "sites").GetProperty("differs").GetBoolean());
        Assert.DoesNotContain(settings, x => x.GetProperty("name").GetString() == "startedBy");
        var rows = comparison.GetProperty("coverage").EnumerateArray().ToList();
        var citySchool = rows.Single(r => r.GetProperty("typeCode").GetString() == "primary-school" && r.GetProperty("areaLevel").GetString() == "city");
        Assert.True(citySchool.GetProperty("standardChanged").GetBoolean());
        // 800 m reaches everyone 500 m reached, on the same network, facilities and people.
        Assert.True(citySchool.GetProperty("deltaPoints").GetDouble() > 0);
        var daoliSchool = rows.Single(r => r.GetProperty("typeCode").GetString() == "primary-school" && r.GetProperty("areaCode").GetString() == "230102");
        Assert.Equal(daoliSchool.GetProperty("b").GetProperty("coveragePercent").GetDouble() - daoliSchool.GetProperty("a").GetProperty("coveragePercent").GetDouble(),
            daoliSchool.GetProperty("deltaPoints").GetDouble(), 6);
        var cityMarket = rows.Single(r => r.GetProperty("typeCode").GetString() == "market" && r.GetProperty("areaLevel").GetString() == "city");
        Assert.False(cityMarket.GetProperty("standardChanged").GetBoolean());
        Assert.Equal(0, cityMarket.GetProperty("deltaPoints").GetDouble(), 6);

        var planned = await client.GetFromJsonAsync<JsonElement>($"/api/v1/places/runs/compare?a={runId}&b={second}", ct);
        Assert.Contains(planned.GetProperty("settings").EnumerateArray(), x => x.GetProperty("name").GetString() == "startedBy");

        schoolType = (await anonymous.GetFromJsonAsync<JsonElement[]>("/api/v1/places/types", ct))!.Single(t => t.GetProperty("code").GetString() == "primary-school");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutAsJsonAsync("/api/v1/places/types/primary-school", TypeEdit(schoolType, 500), ct)).StatusCode);
    }

    internal static object TypeEdit(JsonElement type, double distance) => new
    {
        name = type.GetProperty("name").GetString(),
        nameEn = type.GetProperty("nameEn").GetString(),
        lifeCircleMinutes = type.GetProperty("lifeCircleMinutes").GetInt32(),
        walkingDistance = distance,
        targetGroup = type.GetProperty("targetGroup").GetString(),
        capacityUnit = type.GetProperty("capacityUnit").GetString(),
        defaultCapacity = type.GetProperty("defaultCapacity").GetDouble(),
        clause = type.GetProperty("clause").GetString(),
        clauseChecked = type.GetProperty("clauseChecked").GetBoolean(),
        clauseVerification = type.GetProperty("clauseVerification").GetString(),
        version = type.GetProperty("version").GetInt32(),
    };
}

public sealed class PlacesApiOnSqlite(SqliteFixture fixture) : PlacesApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PlacesApiOnPostgres(PostgresFixture fixture) : PlacesApiTests(fixture), IClassFixture<PostgresFixture>;
