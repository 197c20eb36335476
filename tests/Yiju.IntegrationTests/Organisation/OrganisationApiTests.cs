using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;

namespace Yiju.IntegrationTests.Organisation;

public abstract class OrganisationApiTests(AppFixture fixture)
{
    private static readonly string[] HarbinCodes =
    [
        "230102", "230103", "230104", "230108", "230109", "230110", "230111", "230112", "230113",
        "230123", "230124", "230125", "230126", "230127", "230128", "230129", "230183", "230184",
    ];

    [Fact]
    public async Task Health_reports_the_database()
    {
        var app = fixture.Require();
        var response = await app.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Districts_are_Harbins_18_units_with_codes_and_names()
    {
        var app = fixture.Require();
        var units = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/organisation/units?level=district", TestContext.Current.CancellationToken);
        Assert.NotNull(units);
        Assert.Equal(HarbinCodes, units.Select(u => u.GetProperty("code").GetString()).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(units, u => u.GetProperty("name").GetString() == "五常市" && u.GetProperty("kind").GetString() == "CountyLevelCity");
        Assert.Equal(9, units.Count(u => u.GetProperty("kind").GetString() == "District"));
        Assert.Equal(7, units.Count(u => u.GetProperty("kind").GetString() == "County"));
    }

    [Fact]
    public async Task Boundaries_are_GeoJSON_in_WGS84_for_all_18_units()
    {
        var app = fixture.Require();
        var geo = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/organisation/boundaries/district", TestContext.Current.CancellationToken);
        var features = geo.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(18, features.Count);
        // Harbin lies within 125–131°E, 44–47°N: a longitude/latitude swap or a projection would fall outside.
        var first = features.First(f => f.GetProperty("properties").GetProperty("code").GetString() == "230102")
            .GetProperty("geometry").GetProperty("coordinates")[0][0][0];
        Assert.InRange(first[0].GetDouble(), 125, 131);
        Assert.InRange(first[1].GetDouble(), 44, 47);
    }

    [Theory]
    [InlineData(45.7732, 126.6177, "230102")] // 中央大街, 道里区
    [InlineData(45.7560, 126.6460, "230103")] // 南岗区
    [InlineData(44.9180, 127.1670, "230184")] // 五常市
    public async Task Lookup_finds_the_district_of_a_point(double lat, double lon, string district)
    {
        var app = fixture.Require();
        var found = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/organisation/lookup?lat={lat}&lon={lon}", TestContext.Current.CancellationToken);
        Assert.Equal(district, found.GetProperty("districtCode").GetString());
    }

    [Fact]
    public async Task Lookup_outside_Harbin_is_404_and_bad_coordinates_are_400()
    {
        var client = fixture.Require().CreateClient();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/organisation/lookup?lat=39.9&lon=116.4", ct)).StatusCode);
        var bad = await client.GetAsync("/api/v1/organisation/lookup?lat=95&lon=126", ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/organisation/lookup?lat=abc&lon=126", ct)).StatusCode);
    }

    [Fact]
    public async Task Unknown_level_is_a_problem_with_a_message()
    {
        var response = await fixture.Require().CreateClient().GetAsync("/api/v1/organisation/units?level=province", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("province", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_cannot_change_units()
    {
        var response = await fixture.Require().CreateClient().PostAsJsonAsync("/api/v1/organisation/units",
            new { code = "X1", name = "匿名", level = "street", parentCode = "230102" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task District_staff_add_streets_in_their_district_only_and_each_change_is_audited()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (client, user) = await app.ClientFor(Role.DistrictStaff, "230102");
        var code = "T" + Guid.NewGuid().ToString("N")[..10];

        var own = await client.PostAsJsonAsync("/api/v1/organisation/units", new { code, name = "测试街道", level = "street", parentCode = "230102" }, ct);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var other = await client.PostAsJsonAsync("/api/v1/organisation/units", new { code = code + "b", name = "测试街道", level = "street", parentCode = "230103" }, ct);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.False(app.Db(db => db.Units.Any(u => u.Code == code + "b")));

        var audit = app.Db(db => db.AuditEntries.Where(a => a.EntityType == "Unit" && a.After!.Contains(code)).ToList());
        var entry = Assert.Single(audit);
        Assert.Equal(user, entry.Actor.Replace("token:", "", StringComparison.Ordinal));
        Assert.Equal("create", entry.Action);
    }

    [Fact]
    public async Task Street_staff_add_communities_in_their_own_street_only()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var street = app.StreetOf("230102");
        var otherStreet = app.StreetOf("230103");
        var (client, _) = await app.ClientFor(Role.StreetStaff, street);
        var code = "C" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/organisation/units", new { code, name = "测试社区", level = "community", parentCode = street }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/organisation/units", new { code = code + "x", name = "测试社区", level = "community", parentCode = otherStreet }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/organisation/units", new { code = code + "y", name = "测试街道", level = "street", parentCode = "230102" }, ct)).StatusCode);
    }

    [Fact]
    public async Task Department_staff_and_operators_cannot_change_units()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (department, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var (operatorClient, _) = await app.ClientFor(Role.HotlineOperator);
        foreach (var client in new[] { department, operatorClient })
        {
            var response = await client.PostAsJsonAsync("/api/v1/organisation/units", new { code = "NOPE1", name = "不行", level = "street", parentCode = "230102" }, ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_stale_version_gets_409_not_a_silent_overwrite()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (client, _) = await app.ClientFor(Role.CityAdmin);
        var code = "V" + Guid.NewGuid().ToString("N")[..10];
        await client.PostAsJsonAsync("/api/v1/organisation/units", new { code, name = "版本街道", level = "street", parentCode = "230104" }, ct);
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organisation/units/{code}", ct);
        var version = detail.GetProperty("version").GetInt32();

        var first = await client.PutAsJsonAsync($"/api/v1/organisation/units/{code}", new { name = "第一次修改", version }, ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await client.PutAsJsonAsync($"/api/v1/organisation/units/{code}", new { name = "第二次修改", version }, ct);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("第一次修改", app.Db(db => db.Units.Single(u => u.Code == code).Name));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("")]
    public async Task Bad_names_are_rejected_with_a_message(string name)
    {
        var app = fixture.Require();
        var (client, _) = await app.ClientFor(Role.CityAdmin);
        var response = await client.PostAsJsonAsync("/api/v1/organisation/units", new { code = "B" + Guid.NewGuid().ToString("N")[..8], name, level = "street", parentCode = "230102" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Name", out _));
    }

    [Fact]
    public async Task An_oversize_name_is_rejected_not_a_500()
    {
        var app = fixture.Require();
        var (client, _) = await app.ClientFor(Role.CityAdmin);
        var response = await client.PostAsJsonAsync("/api/v1/organisation/units", new { code = "L" + Guid.NewGuid().ToString("N")[..8], name = new string('长', 5000), level = "street", parentCode = "230102" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Import_with_bad_rows_imports_nothing_and_lists_every_bad_row()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (client, _) = await app.ClientFor(Role.CityAdmin);
        var p = "I" + Guid.NewGuid().ToString("N")[..8];
        var csv = $"code,name,level,parent_code\n{p}1,好街道,street,230102\n{p}2,好社区,community,{p}1\n{p}3,,street,230102\n{p}4,孤儿社区,community,NOSUCH\n{p}1,重复,street,230102\n";
        var response = await client.PostAsync("/api/v1/organisation/units/import", new StringContent(csv, Encoding.UTF8, "text/csv"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var lines = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()).Distinct().Order().ToArray();
        Assert.Equal([4, 5, 6], lines);
        Assert.False(app.Db(db => db.Units.Any(u => u.Code.StartsWith(p))));
    }

    [Fact]
    public async Task Import_of_a_good_file_creates_streets_and_their_communities_together()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (client, _) = await app.ClientFor(Role.DistrictStaff, "230110");
        var p = "G" + Guid.NewGuid().ToString("N")[..8];
        var csv = $"code,name,level,parent_code,name_en\n{p}1,香坊测试街道,街道,230110,Test Street\n{p}2,香坊测试社区,社区,{p}1,\n";
        var response = await client.PostAsync("/api/v1/organisation/units/import", new StringContent(csv, Encoding.UTF8, "text/csv"), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var community = app.Db(db => db.Units.AsNoTracking().Single(u => u.Code == p + "2"));
        Assert.Equal($"/230100/230110/{p}1/{p}2/", community.Path);
    }

    [Fact]
    public async Task Auditors_read_the_trail_but_district_staff_do_not_and_refusals_are_403()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (auditor, _) = await app.ClientFor(Role.Auditor);
        var (district, _) = await app.ClientFor(Role.DistrictStaff, "230102");
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/admin/audit", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await district.GetAsync("/admin/audit", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/organisation/people", ct)).StatusCode);
    }
}

public sealed class OrganisationApiOnSqlite(SqliteFixture fixture) : OrganisationApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class OrganisationApiOnPostgres(PostgresFixture fixture) : OrganisationApiTests(fixture), IClassFixture<PostgresFixture>;
