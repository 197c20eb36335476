using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;

namespace Yiju.IntegrationTests.Programme;

/// <summary>
/// The programme end to end through the host: the shipped Harbin data is public with its sources, the lead department
/// reports, the coordinator approves or returns, the overview's status follows, and bad input is refused. Each test
/// works on its own indicator or period, so the tests share the seeded programme without depending on each other.
/// </summary>
public abstract class ProgrammeTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> Report(HttpClient client, string code, object body) =>
        client.PostAsJsonAsync($"/api/v1/programme/indicators/{code}/values", body, Ct);

    private static Task<HttpResponseMessage> Review(HttpClient client, string id, bool approve, long version, string? reason = null) =>
        client.PostAsJsonAsync($"/api/v1/programme/values/{id}/review", new { approve, reason, version }, Ct);

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static IEnumerable<JsonElement> Indicators(JsonElement tree) =>
        tree.GetProperty("homes").EnumerateArray().SelectMany(h => h.GetProperty("goals").EnumerateArray())
            .SelectMany(g => g.GetProperty("tasks").EnumerateArray()).SelectMany(t => t.GetProperty("indicators").EnumerateArray());

    private static async Task<string> StatusAt(HttpClient client, string code, string asOf)
    {
        var tree = await client.GetFromJsonAsync<JsonElement>($"/api/v1/programme?asOf={asOf}", Ct);
        return Indicators(tree).Single(i => i.GetProperty("code").GetString() == code).GetProperty("status").GetString()!;
    }

    [Fact]
    public async Task The_shipped_programme_is_public_with_six_homes_15_goals_71_tasks_138_indicators()
    {
        var tree = await fixture.Require().CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/programme", Ct);
        var homes = tree.GetProperty("homes").EnumerateArray().ToList();
        Assert.Equal(6, homes.Count);
        Assert.Equal(["富足家园", "舒适家园", "绿色家园", "和谐家园", "文明家园", "平安家园"], homes.Select(h => h.GetProperty("name").GetString()));
        var goals = homes.SelectMany(h => h.GetProperty("goals").EnumerateArray()).ToList();
        Assert.Equal(15, goals.Count);
        Assert.Equal(71, goals.Sum(g => g.GetProperty("tasks").GetArrayLength()));
        Assert.Equal(138, Indicators(tree).Count());
    }

    [Fact]
    public async Task An_indicator_shows_its_sources_notes_and_progress_against_time_elapsed()
    {
        var client = fixture.Require().CreateClient();
        var jobs = await client.GetFromJsonAsync<JsonElement>("/api/v1/programme/indicators/H1.G1.T1.I1?asOf=2023-12-31", Ct);
        Assert.Equal("城镇新增就业", jobs.GetProperty("name").GetString());
        var values = jobs.GetProperty("values").EnumerateArray().ToList();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.False(string.IsNullOrEmpty(v.GetProperty("source").GetProperty("quote").GetString())));
        Assert.Contains(values, v => v.GetProperty("comparabilityNote").ValueKind == JsonValueKind.String);
        var governing = jobs.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("governing").GetBoolean());
        Assert.Equal("OnTrack", governing.GetProperty("assessment").GetProperty("status").GetString());
        Assert.Contains("8.07", governing.GetProperty("assessment").GetProperty("formula").GetString(), StringComparison.Ordinal);

        var page = await client.GetAsync("/programme/indicators/h1.g1.t1.i1?asOf=2023-12-31", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
        Assert.Contains(values[0].GetProperty("source").GetProperty("quote").GetString()!, html, StringComparison.Ordinal);
        Assert.Contains("id=\"indicator-chart\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/programme/indicators/NO.SUCH", Ct)).StatusCode);
    }

    [Fact]
    public async Task Public_pages_open_to_residents_and_review_is_for_coordinators()
    {
        var app = fixture.Require();
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var overview = await anonymous.GetAsync("/programme", Ct);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("和谐家园", WebUtility.HtmlDecode(await overview.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/programme/homes/H4", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/programme/tasks/H4.G1.T1", Ct)).StatusCode);
        var departments = await anonymous.GetAsync("/programme/departments?asOf=2023-12-31", Ct);
        Assert.Equal(HttpStatusCode.OK, departments.StatusCode);
        Assert.Contains("市住建局", WebUtility.HtmlDecode(await departments.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/programme/review", Ct)).StatusCode);
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        var (housing, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/programme/review", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await housing.GetAsync("/programme/review", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await housing.GetAsync("/programme/report", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_lead_department_reports_the_coordinator_approves_and_the_status_follows()
    {
        var app = fixture.Require();
        var (housing, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        var anonymous = app.CreateClient();
        // 老旧小区改造项目: 2023 target 启动改造项目224个, no published actual.
        Assert.Equal("NotAssessable", await StatusAt(anonymous, "H4.G1.T1.I2", "2023-12-31"));

        var submitted = await Json(await Report(housing, "H4.G1.T1.I2", new { period = "2023", value = 230, source = "住建局年度台账", submit = true }));
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        var publicBefore = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/programme/indicators/H4.G1.T1.I2", Ct);
        Assert.Empty(publicBefore.GetProperty("values").EnumerateArray());
        Assert.Equal("NotAssessable", await StatusAt(anonymous, "H4.G1.T1.I2", "2023-12-31"));

        var approved = await Json(await Review(coordinator, submitted.GetProperty("id").GetString()!, true, submitted.GetProperty("version").GetInt64()));
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Equal("Met", await StatusAt(anonymous, "H4.G1.T1.I2", "2023-12-31"));
        var publicAfter = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/programme/indicators/H4.G1.T1.I2", Ct);
        var value = Assert.Single(publicAfter.GetProperty("values").EnumerateArray());
        Assert.Equal(230, value.GetProperty("value").GetDouble());
        Assert.Equal("住建局年度台账", value.GetProperty("source").GetProperty("quote").GetString());
    }

    [Fact]
    public async Task A_return_needs_a_reason_and_the_department_corrects_and_resubmits()
    {
        var app = fixture.Require();
        var (housing, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        var first = await Json(await Report(housing, "H4.G1.T1.I3", new { period = "2024", value = 30, explanation = "全年完成", submit = true }));
        var id = first.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.BadRequest, (await Review(coordinator, id, false, first.GetProperty("version").GetInt64())).StatusCode);
        var returned = await Json(await Review(coordinator, id, false, first.GetProperty("version").GetInt64(), "请附改造项目清单"));
        Assert.Equal("Returned", returned.GetProperty("status").GetString());
        Assert.Equal("请附改造项目清单", returned.GetProperty("returnReason").GetString());

        var resubmitted = await Json(await Report(housing, "H4.G1.T1.I3", new { period = "2024", value = 31, explanation = "全年完成，附清单", version = returned.GetProperty("version").GetInt64(), submit = true }));
        Assert.Equal("Submitted", resubmitted.GetProperty("status").GetString());
        Assert.Equal(id, resubmitted.GetProperty("id").GetString());
        Assert.Equal(31, resubmitted.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Two_people_editing_the_same_value_the_second_gets_a_conflict()
    {
        var app = fixture.Require();
        var (alice, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var (bob, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var draft = await Json(await Report(alice, "H2.G1.T4.I1", new { period = "2024Q1", value = 3, explanation = "一季度" }));
        var seen = draft.GetProperty("version").GetInt64();
        await Json(await Report(alice, "H2.G1.T4.I1", new { period = "2024Q1", value = 4, explanation = "一季度", version = seen }));
        var late = await Report(bob, "H2.G1.T4.I1", new { period = "2024Q1", value = 5, explanation = "一季度", version = seen });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);
        // Entering the same period again as if it were new is a conflict too, never a second value.
        Assert.Equal(HttpStatusCode.Conflict, (await Report(bob, "H2.G1.T4.I1", new { period = "2024Q1", value = 5, explanation = "一季度" })).StatusCode);
    }

    [Fact]
    public async Task Only_the_lead_departments_staff_may_report()
    {
        var app = fixture.Require();
        var (education, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "jyj");
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        var body = new { period = "2024", value = 1, explanation = "x" };
        Assert.Equal(HttpStatusCode.Forbidden, (await Report(education, "H2.G1.T6.I2", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Report(coordinator, "H2.G1.T6.I2", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Report(app.CreateClient(), "H2.G1.T6.I2", body)).StatusCode);
    }

    [Fact]
    public async Task Bad_figures_are_refused_with_the_reason()
    {
        var app = fixture.Require();
        var (housing, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var (education, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "jyj");
        var negative = await Report(housing, "H2.G1.T4.I2", new { period = "2025", value = -1, explanation = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("Value", (await negative.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.BadRequest, (await Report(education, "H4.G2.T3.I1", new { period = "2024", value = 120 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Report(education, "H4.G2.T3.I1", new { period = "2024", value = 50, numerator = 60, denominator = 50 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Report(housing, "H2.G1.T4.I2", new { period = "2024H1", value = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Report(housing, "H2.G1.T4.I2", new { period = "2030", value = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Report(housing, "H2.G1.T4.I2", new { period = "2024", value = 1, districtCode = "230102" })).StatusCode);
        var unexplained = await Report(housing, "H2.G1.T4.I2", new { period = "2024", value = 100000 });
        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.Contains("Explanation", (await unexplained.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task An_approved_value_changes_only_through_a_reviewed_revision()
    {
        var app = fixture.Require();
        var (housing, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        var first = await Json(await Report(housing, "H2.G1.T4.I3", new { period = "2024", value = 5, explanation = "新开通车站", submit = true }));
        var approved = await Json(await Review(coordinator, first.GetProperty("id").GetString()!, true, first.GetProperty("version").GetInt64()));
        var version = approved.GetProperty("version").GetInt64();

        Assert.Equal(HttpStatusCode.Conflict, (await Report(housing, "H2.G1.T4.I3", new { period = "2024", value = 6 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Report(housing, "H2.G1.T4.I3", new { period = "2024", value = 6, version })).StatusCode);
        var revision = await Json(await Report(housing, "H2.G1.T4.I3", new { period = "2024", value = 6, version, explanation = "统计口径更正", submit = true }));
        Assert.Equal(2, revision.GetProperty("revision").GetInt32());
        Assert.NotEqual(first.GetProperty("id").GetString(), revision.GetProperty("id").GetString());
        var beforeApproval = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/programme/indicators/H2.G1.T4.I3", Ct);
        Assert.Contains(beforeApproval.GetProperty("values").EnumerateArray(), v => v.GetProperty("period").GetString() == "2024" && v.GetProperty("value").GetDouble() == 5);

        await Json(await Review(coordinator, revision.GetProperty("id").GetString()!, true, revision.GetProperty("version").GetInt64()));
        var after = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/programme/indicators/H2.G1.T4.I3", Ct);
        var lines = after.GetProperty("values").EnumerateArray().Where(v => v.GetProperty("period").GetString() == "2024").ToList();
        Assert.Equal(2, lines.Count);
        Assert.False(lines.Single(v => v.GetProperty("revision").GetInt32() == 1).GetProperty("current").GetBoolean());
        Assert.True(lines.Single(v => v.GetProperty("revision").GetInt32() == 2).GetProperty("current").GetBoolean());
    }
}

public sealed class ProgrammeOnSqlite(SqliteFixture fixture) : ProgrammeTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ProgrammeOnPostgres(PostgresFixture fixture) : ProgrammeTests(fixture), IClassFixture<PostgresFixture>;
