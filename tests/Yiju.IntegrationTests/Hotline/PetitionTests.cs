using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Hotline.Features.Petitions;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Organisation.Domain;

namespace Yiju.IntegrationTests.Hotline;

/// <summary>Petitions over HTTP: the bureau registers, accepts (starting the 60 days), replies, evaluates, closes; a unit declines; a review; the figures for Programme.</summary>
public abstract class PetitionTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Petition(string text) => new
    {
        type = "Petition",
        categoryCode = "housing.demolition",
        text,
        callerName = "李四",
        callerPhone = "13900001111",
        address = "道里区安静街",
        latitude = 45.7732,
        longitude = 126.6177,
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode} (expected {expected}): {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    private static async Task<JsonElement> Act(HttpClient client, Guid id, string action, int version, object? extra = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = JsonSerializer.SerializeToElement(extra ?? new { }).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        body["version"] = version;
        return await Json(await client.PostAsJsonAsync($"/api/v1/hotline/tickets/{id}/{action}", body, Ct), expected);
    }

    private static long DepartmentId(YijuApp app, string code) => app.Db(db => db.Departments.AsNoTracking().Single(d => d.Code == code).Id);

    [Fact]
    public async Task The_petition_bureau_takes_a_petition_from_registration_to_close_within_the_statutory_limits()
    {
        var app = fixture.Require();
        var (bureau, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "xfj");
        var (zjj, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var xfj = DepartmentId(app, "xfj");

        // Only the bureau (and the centre) register petitions; a department cannot, and the bureau cannot take hotline calls.
        await Json(await zjj.PostAsJsonAsync("/api/v1/hotline/tickets", Petition("征收补偿"), Ct), HttpStatusCode.Forbidden);
        await Json(await bureau.PostAsJsonAsync("/api/v1/hotline/tickets", new { type = "Complaint", categoryCode = "noise.construction", text = "噪音" }, Ct), HttpStatusCode.Forbidden);

        var created = await Json(await bureau.PostAsJsonAsync("/api/v1/hotline/tickets", Petition("对房屋征收补偿标准有异议，请求复核补偿金额"), Ct), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.StartsWith("XF-", created.GetProperty("number").GetString(), StringComparison.Ordinal);
        var registered = await Json(await bureau.GetAsync($"/api/v1/hotline/tickets/{id}", Ct), HttpStatusCode.OK);
        var received = DateTimeOffset.Parse(registered.GetProperty("acceptedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(ChinaTime.ToShanghaiOffset(ChinaTime.EndOfDayUtc(DateOnly.FromDateTime(received.DateTime).AddDays(15))),
            DateTimeOffset.Parse(registered.GetProperty("decisionDue").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        var t = await Act(bureau, id, "dispatch", 1, new { unitKind = "Department", unitId = xfj, note = "本机关办理" });
        t = await Act(bureau, id, "sign-for", t.GetProperty("version").GetInt32()); // 受理
        var acceptedAt = DateTimeOffset.Parse(t.GetProperty("petitionAcceptedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(ChinaTime.ToShanghaiOffset(ChinaTime.EndOfDayUtc(DateOnly.FromDateTime(acceptedAt.DateTime).AddDays(60))),
            DateTimeOffset.Parse(t.GetProperty("handlingDue").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        t = await Act(bureau, id, "reply", t.GetProperty("version").GetInt32(), new { note = "经核实，补偿标准符合规定，已书面答复" });
        t = await Act(bureau, id, "callback", t.GetProperty("version").GetInt32(), new { resolved = true, satisfaction = "Satisfied" });
        t = await Act(bureau, id, "close", t.GetProperty("version").GetInt32());
        Assert.Equal("Closed", t.GetProperty("status").GetString());

        // The petitioner disputes the reply: the superior body reviews it within 30 days.
        t = await Act(bureau, id, "request-review", t.GetProperty("version").GetInt32(), new { unitKind = "Department", unitId = DepartmentId(app, "zjj"), note = "不服答复，请求复查" });
        Assert.Equal(("Dispatched", 1), (t.GetProperty("status").GetString(), t.GetProperty("reviewCount").GetInt32()));
        var queue = await Json(await zjj.GetAsync("/api/v1/hotline/tickets", Ct), HttpStatusCode.OK);
        Assert.Contains(queue.GetProperty("rows").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);

        // A second petition the receiving unit does not accept, with the reason; a hotline ticket cannot be "not accepted".
        var second = (await Json(await bureau.PostAsJsonAsync("/api/v1/hotline/tickets", Petition("要求撤销已生效的行政复议决定"), Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var s = await Act(bureau, second, "dispatch", 1, new { unitKind = "Department", unitId = DepartmentId(app, "zjj") });
        await Act(zjj, second, "decline-petition", s.GetProperty("version").GetInt32(), new { note = " " }, HttpStatusCode.BadRequest);
        s = await Act(zjj, second, "decline-petition", s.GetProperty("version").GetInt32(), new { note = "已经行政复议，依法不予受理" });
        Assert.Equal(("Closed", true), (s.GetProperty("status").GetString(), s.GetProperty("petitionDeclined").GetBoolean()));

        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var hotline = (await Json(await op.PostAsJsonAsync("/api/v1/hotline/tickets", new { type = "Complaint", categoryCode = "noise.construction", text = "夜间施工", callerName = "王五", callerPhone = "13611112222" }, Ct), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var h = await Act(op, hotline, "dispatch", 1, new { unitKind = "Department", unitId = DepartmentId(app, "zjj") });
        await Act(zjj, hotline, "decline-petition", h.GetProperty("version").GetInt32(), new { note = "x" }, HttpStatusCode.Conflict);
        await Json(await bureau.GetAsync($"/api/v1/hotline/tickets/{hotline}", Ct), HttpStatusCode.Forbidden); // the bureau sees petitions, not hotline tickets

        // The bureau's queue and page; other departments have none.
        var overview = await Json(await bureau.GetAsync("/api/v1/hotline/petitions", Ct), HttpStatusCode.OK);
        Assert.Contains(overview.GetProperty("rows").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);
        Assert.True(overview.GetProperty("counts").GetProperty("declinedThisYear").GetInt32() >= 1);
        await Json(await zjj.GetAsync("/api/v1/hotline/petitions", Ct), HttpStatusCode.Forbidden);
        var page = await bureau.GetAsync("/hotline/petitions", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("信访事项时限内办结率", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await zjj.GetAsync("/hotline/petitions", Ct)).StatusCode);

        // Programme takes the figures through the Kernel feed: the declined petition was decided within its 15 days.
        using var scope = app.Services.CreateScope();
        var feed = scope.ServiceProvider.GetServices<IIndicatorFeed>().Single(f => f.FeedName == "hotline");
        var figures = await feed.GetFiguresAsync(PeriodKey.Containing(ChinaTime.DateOf(DateTime.UtcNow), PeriodType.Year), Ct);
        var onTime = figures.Single(f => f.IndicatorCode == HotlineIndicatorFeed.PetitionsOnTime && f.DistrictCode is null);
        Assert.True(onTime.Denominator >= 1);
        Assert.Equal(onTime.Denominator, onTime.Numerator);
        Assert.Equal(100, onTime.Value);
        Assert.Contains(figures, f => f.IndicatorCode == HotlineIndicatorFeed.PetitionsOnTime && f.DistrictCode == "230102");
    }
}

public sealed class PetitionsOnSqlite(SqliteFixture fixture) : PetitionTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PetitionsOnPostgres(PostgresFixture fixture) : PetitionTests(fixture), IClassFixture<PostgresFixture>;
