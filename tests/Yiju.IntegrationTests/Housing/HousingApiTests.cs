using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Housing.Data;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Lottery;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;

namespace Yiju.IntegrationTests.Housing;

public abstract class HousingApiTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A valid GB 11643 number with a random birth date and sequence, so tests never share a person by accident.</summary>
    public static string NewId(int birthYear = 1985, string region = "230102")
    {
        var birth = new DateOnly(birthYear, 1, 1).AddDays(Random.Shared.Next(0, 360));
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{region}{birth:yyyyMMdd}{Random.Shared.Next(0, 1000):D3}");
        return first17 + ChineseIdNumber.ComputeCheckChar(first17);
    }

    public static object Member(string name, string id, string relationship = "Applicant", decimal income = 1500m) =>
        new { name, idNumber = id, relationship, monthlyIncomeYuan = income, localHukou = true, socialInsuranceMonths = 24, disabled = false, veteran = false };

    public static object Application(string district, string street, params object[] members) =>
        new { scheme = "PublicRental", districtCode = district, streetCode = street, currentHousingAreaM2 = 10.0, assetsYuan = 10000m, specialHardship = false, members };

    private static async Task<JsonElement> Problem(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    private static async Task<Guid> Submit(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/housing/applications", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Malformed_id_and_negative_income_are_400_with_every_reason()
    {
        var app = fixture.Require();
        var street = app.StreetOf("230102");
        var good = NewId();
        var bad = good[..17] + (good[17] == '0' ? "1" : "0");
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/housing/applications",
            Application("230102", street, Member("张三明", NewId(), income: -5m), Member("李四", bad, "Spouse")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Problem(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("negative_income", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("id_number_invalid", out _), errors.ToString());
    }

    [Fact]
    public async Task A_person_in_another_households_application_and_a_household_applying_twice_are_refused()
    {
        var app = fixture.Require();
        var client = app.CreateClient();
        var street = app.StreetOf("230103");
        var applicant = NewId();
        var shared = NewId(2015);
        await Submit(client, Application("230103", street, Member("王五", applicant), Member("王小五", shared, "Child", 0m)));

        var twice = await client.PostAsJsonAsync("/api/v1/housing/applications", Application("230103", street, Member("王五", applicant)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.True((await Problem(twice)).GetProperty("errors").TryGetProperty("household_already_applied", out _));

        var other = await client.PostAsJsonAsync("/api/v1/housing/applications",
            Application("230103", street, Member("赵六", NewId()), Member("王小五", shared, "Child", 0m)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.True((await Problem(other)).GetProperty("errors").TryGetProperty("person_in_other_household_application", out _));
    }

    [Fact]
    public async Task An_ineligible_household_is_told_which_rule_fails()
    {
        var app = fixture.Require();
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/housing/applications",
            Application("230102", app.StreetOf("230102"), Member("钱七", NewId(), income: 90000m)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Problem(response)).GetProperty("errors").TryGetProperty("income_per_head_over_limit", out _));
    }

    [Fact]
    public async Task A_new_rule_set_version_from_the_bureau_replaces_the_sample_values()
    {
        var app = fixture.Require();
        using (var scope = app.Services.CreateScope())
        {
            var ruleSets = scope.ServiceProvider.GetRequiredService<Yiju.Housing.Features.Applications.RuleSets>();
            var street = await ruleSets.AddVersion(new(SchemeKind.RentalSubsidy, "租赁补贴准入条件", "测试文件", new DateOnly(2020, 1, 1), 100m, null, null, null, null, null, null, null),
                new Caller(1, "street", [new RoleGrant(Role.StreetStaff, "/230100/230102/230102001/", null)]), Ct);
            Assert.False(street.Succeeded);
            var saved = await ruleSets.AddVersion(new(SchemeKind.RentalSubsidy, "租赁补贴准入条件", "哈住建发〔2026〕1号（测试）", new DateOnly(2020, 1, 1), 100m, null, null, null, 1, 8, null, null),
                new Caller(1, "admin", [new RoleGrant(Role.CityAdmin, null, null)]), Ct);
            Assert.True(saved.Succeeded, saved.Failure?.Message);
            var inForce = await scope.ServiceProvider.GetRequiredService<Yiju.Housing.Features.Applications.ApplicationQueries>().RulesInForce(Ct);
            Assert.False(inForce.Single(r => r.Scheme == SchemeKind.RentalSubsidy).Sample);
            Assert.True(inForce.Single(r => r.Scheme == SchemeKind.PublicRental).Sample);
        }
        var body = new { scheme = "RentalSubsidy", districtCode = "230102", streetCode = app.StreetOf("230102"), currentHousingAreaM2 = 0.0, assetsYuan = 0m, specialHardship = false, members = new[] { Member("吴九", NewId(), income: 500m) } };
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/housing/applications", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("100.00", (await Problem(response)).GetProperty("errors").GetProperty("income_per_head_over_limit")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_reviewers_of_the_right_street_and_district_act()
    {
        var app = fixture.Require();
        var streets = app.Db(db => db.Units.Where(u => u.Path.Contains("/230104/") && u.Code.Length == 9).OrderBy(u => u.Code).Select(u => u.Code).Take(2).ToList());
        var id = await Submit(app.CreateClient(), Application("230104", streets[0], Member("孙八", NewId())));
        var url = $"/api/v1/housing/applications/{id}/actions/";

        var (otherStreet, _) = await app.ClientFor(Role.StreetStaff, streets[1]);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherStreet.PostAsJsonAsync(url + "StreetApprove", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherStreet.GetAsync($"/api/v1/housing/applications/{id}", Ct)).StatusCode);

        var (street, _) = await app.ClientFor(Role.StreetStaff, streets[0]);
        var noReason = await street.PostAsJsonAsync(url + "StreetReturn", new { }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsJsonAsync(url + "StreetApprove", new { }, Ct)).StatusCode);

        var (otherDistrict, _) = await app.ClientFor(Role.DistrictStaff, "230102");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherDistrict.PostAsJsonAsync(url + "DistrictApprove", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsJsonAsync(url + "DistrictApprove", new { }, Ct)).StatusCode);

        var (district, _) = await app.ClientFor(Role.DistrictStaff, "230104");
        var approved = await district.PostAsJsonAsync(url + "DistrictApprove", new { }, Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("Registered", (await approved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());

        var detail = await district.GetFromJsonAsync<JsonElement>($"/api/v1/housing/applications/{id}", Ct);
        Assert.Equal(3, detail.GetProperty("events").GetArrayLength());
        Assert.Contains("**********", detail.GetProperty("members")[0].GetProperty("idMasked").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lottery_with_no_flats_or_no_entrants_is_a_clear_error()
    {
        var app = fixture.Require();
        var (bureau, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var empty = await CreateProject(bureau, "230102", flats: 0);
        var noFlats = await bureau.PostAsJsonAsync("/api/v1/housing/lotteries", Prepare(empty, LotterySecret.Commitment(LotterySecret.Create())), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noFlats.StatusCode);
        Assert.True((await Problem(noFlats)).GetProperty("errors").TryGetProperty("no_flats", out _));

        var withFlat = await CreateProject(bureau, "230102", flats: 1);
        var noEntrants = await bureau.PostAsJsonAsync("/api/v1/housing/lotteries", Prepare(withFlat, LotterySecret.Commitment(LotterySecret.Create())), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noEntrants.StatusCode);
        Assert.True((await Problem(noEntrants)).GetProperty("errors").TryGetProperty("no_entrants", out _));

        var (street, _) = await app.ClientFor(Role.StreetStaff, app.StreetOf("230102"));
        Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsJsonAsync("/api/v1/housing/lotteries", Prepare(withFlat, LotterySecret.Commitment(LotterySecret.Create())), Ct)).StatusCode);
    }

    [Fact]
    public async Task The_exported_lottery_files_verify_and_a_tampered_list_fails()
    {
        var app = fixture.Require();
        var (bureau, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var numbers = SeedEligible(app, "230103", 5);
        var project = await CreateProject(bureau, "230103", flats: 3);
        var secret = LotterySecret.Create();
        var prepared = await bureau.PostAsJsonAsync("/api/v1/housing/lotteries", Prepare(project, LotterySecret.Commitment(secret)), Ct);
        Assert.True(prepared.StatusCode == HttpStatusCode.Created, await prepared.Content.ReadAsStringAsync(Ct));
        var lottery = await prepared.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var lotteryId = lottery.GetProperty("id").GetGuid();
        Assert.Equal(5, lottery.GetProperty("entrantCount").GetInt32());

        var wrongSecret = await bureau.PostAsJsonAsync($"/api/v1/housing/lotteries/{lotteryId}/draw", new { secretHex = Convert.ToHexString(LotterySecret.Create()), publicRandomValue = "03 11 17 22 28 31 09" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongSecret.StatusCode);
        var drawn = await bureau.PostAsJsonAsync($"/api/v1/housing/lotteries/{lotteryId}/draw", new { secretHex = Convert.ToHexString(secret), publicRandomValue = "03 11 17 22 28 31 09" }, Ct);
        Assert.True(drawn.StatusCode == HttpStatusCode.OK, await drawn.Content.ReadAsStringAsync(Ct));
        Assert.Equal(3, (await drawn.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("allocatedCount").GetInt32());

        var results = await app.CreateClient().GetFromJsonAsync<JsonElement[]>($"/api/v1/housing/lotteries/{lotteryId}/results", Ct);
        Assert.Equal(5, results!.Length);
        Assert.Equal(3, results.Count(r => r.GetProperty("flatCode").ValueKind == JsonValueKind.String));
        Assert.All(results, r => Assert.Contains('*', r.GetProperty("applicantName").GetString()!));
        Assert.Equal(numbers.Order(StringComparer.Ordinal), results.Select(r => r.GetProperty("applicationNumber").GetString()!).Order(StringComparer.Ordinal));

        using (var scope = app.Services.CreateScope())
        {
            var feed = scope.ServiceProvider.GetServices<IIndicatorFeed>().Single(f => f.FeedName == "housing");
            var figures = await feed.GetFiguresAsync(PeriodKey.Containing(ChinaTime.Today(DateTime.UtcNow), PeriodType.Year), Ct);
            Assert.True(figures.Single(f => f.IndicatorCode == HousingFigures.PublicRentalFlatsByLottery && f.DistrictCode == "230103").Value >= 3);
        }

        var zip = await app.CreateClient().GetByteArrayAsync($"/api/v1/housing/lotteries/{lotteryId}/files.zip", Ct);
        var folder = Directory.CreateTempSubdirectory("yiju-lottery-").FullName;
        try
        {
            ZipFile.ExtractToDirectory(new MemoryStream(zip), folder);
            var lotteryFolder = Directory.GetDirectories(folder).Single();
            Assert.True(LotteryVerifier.Verify(lotteryFolder).Passed, string.Join("\n", LotteryVerifier.Verify(lotteryFolder).Describe()));

            var passed = await VerifyUpload(app, ("files.zip", zip));
            Assert.True(passed.GetProperty("passed").GetBoolean(), passed.ToString());

            var entrants = Path.Combine(lotteryFolder, LotteryFiles.Entrants);
            var lines = File.ReadAllText(entrants).Split('\n');
            var fields = lines[1].Split(',');
            fields[1] = fields[1] == "1" ? "2" : "1";
            lines[1] = string.Join(',', fields);
            File.WriteAllText(entrants, string.Join('\n', lines));
            var tampered = LotteryVerifier.Verify(lotteryFolder);
            Assert.False(tampered.Passed);
            Assert.True(tampered.Has(LotteryVerifier.EntrantsHashMismatch), string.Join("\n", tampered.Describe()));

            var uploads = LotteryFiles.All.Select(n => (n, File.ReadAllBytes(Path.Combine(lotteryFolder, n)))).ToArray();
            var failed = await VerifyUpload(app, uploads);
            Assert.False(failed.GetProperty("passed").GetBoolean());
            Assert.Contains(failed.GetProperty("findingCodes").EnumerateArray(), c => c.GetString() == LotteryVerifier.EntrantsHashMismatch);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<JsonElement> VerifyUpload(YijuApp app, params (string Name, byte[] Bytes)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "files", name);
        }
        var response = await app.CreateClient().PostAsync("/api/v1/housing/lotteries/verify", form, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static object Prepare(Guid project, byte[] commitment) =>
        new { projectId = project, title = "测试摇号", publicRandomSource = "中国福利彩票双色球 第2026140期 开奖号码", secretCommitmentHex = Convert.ToHexString(commitment) };

    private static async Task<Guid> CreateProject(HttpClient bureau, string district, int flats)
    {
        var created = await bureau.PostAsJsonAsync("/api/v1/housing/projects", new { name = "测试公租房 " + Guid.NewGuid().ToString("N")[..6], districtCode = district, address = "测试路1号", scheme = "PublicRental", raisedOn = "2026-01-15" }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        for (var i = 0; i < flats; i++)
        {
            var flat = await bureau.PostAsJsonAsync($"/api/v1/housing/projects/{id}/flats", new { code = string.Create(CultureInfo.InvariantCulture, $"1-1-{101 + i}"), areaM2 = 45.5, rooms = 1, floor = 1 }, Ct);
            Assert.Equal(HttpStatusCode.Created, flat.StatusCode);
        }
        return id;
    }

    /// <summary>Households that have passed both reviews and the first notice, written directly: the notice period needs days to pass.</summary>
    private static List<string> SeedEligible(YijuApp app, string district, int count)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IHousingDb>();
        var street = app.StreetOf(district);
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var a = new HouseholdApplication
            {
                Id = Guid.NewGuid(),
                Number = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
                HouseholdId = Guid.NewGuid(),
                Scheme = SchemeKind.PublicRental,
                DistrictCode = district,
                StreetCode = street,
                ApplicantUserId = Guid.NewGuid(),
                Status = ApplicationStatus.Eligible,
                CreatedUtc = DateTime.UtcNow,
            };
            a.Members.Add(new ApplicationMember { Id = Guid.NewGuid(), ApplicationId = a.Id, Name = "周" + i.ToString(CultureInfo.InvariantCulture) + "明", IdNumber = NewId(1980 + i, district), Relationship = Relationship.Applicant, LocalHukou = true });
            db.HousingApplications.Add(a);
            numbers.Add(a.Number);
        }
        db.SaveChangesAsync(Ct).GetAwaiter().GetResult();
        return numbers;
    }
}

public sealed class HousingApiOnSqlite(SqliteFixture fixture) : HousingApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class HousingApiOnPostgres(PostgresFixture fixture) : HousingApiTests(fixture), IClassFixture<PostgresFixture>;
