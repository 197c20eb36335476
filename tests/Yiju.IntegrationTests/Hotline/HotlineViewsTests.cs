using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Security;

namespace Yiju.IntegrationTests.Hotline;

/// <summary>
/// The hotline's views over HTTP on each database: the knowledge base and resolving at intake with a citation, KPI
/// drill-down within scope, recorded call counts, hotspots and the heat grid, the centre's settings (taxonomy, deadlines,
/// weights, labels) with 400/403/409, and staff text edits keeping the citizen's words.
/// </summary>
public abstract class HotlineViewsTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {response.StatusCode} (expected {expected}): {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    private static Task<JsonElement> Post(HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        Send(client.PostAsJsonAsync(url, body, Ct), expected);

    private static Task<JsonElement> Put(HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        Send(client.PutAsJsonAsync(url, body, Ct), expected);

    private static Task<JsonElement> Get(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        Send(client.GetAsync(url, Ct), expected);

    private static async Task<JsonElement> Send(Task<HttpResponseMessage> request, HttpStatusCode expected) => await Json(await request, expected);

    private static async Task<(Guid Id, string Number)> Accept(HttpClient op, string category, string text, double? lat = null, double? lon = null)
    {
        var created = await Post(op, "/api/v1/hotline/tickets", new
        {
            type = "Complaint",
            categoryCode = category,
            text,
            urgency = "Normal",
            callerName = "李四",
            callerPhone = "13900001111",
            latitude = lat,
            longitude = lon,
        }, HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("number").GetString()!);
    }

    private static long UnitId(YijuApp app, string code) => app.Db(db => db.Units.AsNoTracking().Single(u => u.Code == code).Id);

    private static string Month => YearMonthNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static DateOnly YearMonthNow() => ChinaTime.DateOf(DateTime.UtcNow);

    [Fact]
    public async Task The_centre_keeps_standard_answers_with_history_and_an_operator_resolves_a_call_citing_one()
    {
        var app = fixture.Require();
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var (street, _) = await app.ClientFor(Role.StreetStaff, app.StreetOf("230102"));
        var entry = new
        {
            categoryCode = "heating.fee",
            title = "供热费缴纳渠道 " + Guid.NewGuid().ToString("N")[..6],
            answer = "请按供热单位公布的渠道缴纳。",
            source = "测试依据：供热单位公告",
            validFrom = (string?)null,
            validTo = (string?)null,
            isActive = true,
        };
        await Post(op, "/api/v1/hotline/kb", entry with { source = "" }, HttpStatusCode.BadRequest);
        await Post(op, "/api/v1/hotline/kb", entry with { categoryCode = "no-such" }, HttpStatusCode.BadRequest);
        await Post(street, "/api/v1/hotline/kb", entry, HttpStatusCode.Forbidden);
        var created = await Post(op, "/api/v1/hotline/kb", entry);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(1, created.GetProperty("version").GetInt32());

        var edited = await Put(op, $"/api/v1/hotline/kb/{id}", new { version = 1, entry.categoryCode, entry.title, answer = "请通过供热单位营业厅或其公布的线上渠道缴纳。", entry.source, isActive = true });
        Assert.Equal(2, edited.GetProperty("version").GetInt32());
        await Put(op, $"/api/v1/hotline/kb/{id}", new { version = 1, entry.categoryCode, entry.title, answer = "过期的修改", entry.source, isActive = true }, HttpStatusCode.Conflict);
        var history = await Get(op, $"/api/v1/hotline/kb/{id}/history");
        Assert.Equal([2, 1], history.EnumerateArray().Select(r => r.GetProperty("revision").GetInt32()).ToArray());
        Assert.Equal("请按供热单位公布的渠道缴纳。", history[1].GetProperty("answer").GetString());

        // An entry that expired yesterday is neither offered nor citable.
        var expired = await Post(op, "/api/v1/hotline/kb", entry with { title = "已过期 " + entry.title, validTo = YearMonthNow().AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var suggested = await Get(op, "/api/v1/hotline/kb/suggest?category=heating.fee&text=" + Uri.EscapeDataString("暖气费在哪里交"));
        var ids = suggested.EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(id, ids);
        Assert.DoesNotContain(expired.GetProperty("id").GetInt64(), ids);

        var (ticket, _) = await Accept(op, "heating.fee", "请问暖气费在哪里交");
        await Post(op, $"/api/v1/hotline/tickets/{ticket}/resolve-at-intake", new { version = 1, kbEntryId = expired.GetProperty("id").GetInt64() }, HttpStatusCode.BadRequest);
        await Post(street, $"/api/v1/hotline/tickets/{ticket}/resolve-at-intake", new { version = 1, kbEntryId = id }, HttpStatusCode.Forbidden);
        var closed = await Post(op, $"/api/v1/hotline/tickets/{ticket}/resolve-at-intake", new { version = 1, kbEntryId = id });
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        var note = closed.GetProperty("timeline").EnumerateArray().Last().GetProperty("note").GetString()!;
        Assert.StartsWith("请通过供热单位营业厅", note, StringComparison.Ordinal);
        Assert.Contains($"#{id} 第2版", note, StringComparison.Ordinal);
        Assert.Contains(entry.source, note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drill_down_lists_the_tickets_behind_a_figure_and_a_street_sees_only_its_own()
    {
        var app = fixture.Require();
        var (streetA, streetB) = (app.StreetOf("230103"), app.StreetOf("230104"));
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var (a, _) = await app.ClientFor(Role.StreetStaff, streetA);
        var (b, _) = await app.ClientFor(Role.StreetStaff, streetB);
        var (idA, numberA) = await Accept(op, "sanitation.garbage", "垃圾没人清运 A");
        var (idB, numberB) = await Accept(op, "sanitation.garbage", "垃圾没人清运 B");
        await Post(op, $"/api/v1/hotline/tickets/{idA}/dispatch", new { version = 1, unitKind = "Street", unitId = UnitId(app, streetA) });
        await Post(op, $"/api/v1/hotline/tickets/{idB}/dispatch", new { version = 1, unitKind = "Street", unitId = UnitId(app, streetB) });
        await Post(a, $"/api/v1/hotline/tickets/{idA}/sign-for", new { version = 2 });

        var unitA = UnitId(app, streetA);
        var byCentre = await Get(op, $"/api/v1/hotline/kpi/tickets?month={Month}&kind=Response&outcome=Met&level=Street&unit={unitA}");
        Assert.Contains(byCentre.GetProperty("rows").EnumerateArray(), r => r.GetProperty("ticket").GetProperty("number").GetString() == numberA);
        Assert.All(byCentre.GetProperty("rows").EnumerateArray(), r => Assert.Equal(1, r.GetProperty("score").GetDouble()));

        // The dashboard's dispatched count for the whole city: the street sees its own ticket and not the other street's.
        var seenByB = await Get(b, $"/api/v1/hotline/kpi/tickets?month={Month}&kind=Dispatched");
        var numbers = seenByB.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("ticket").GetProperty("number").GetString()).ToList();
        Assert.Contains(numberB, numbers);
        Assert.DoesNotContain(numberA, numbers);
        Assert.True(seenByB.GetProperty("scopeLimited").GetBoolean());
        var otherStreet = await Get(b, $"/api/v1/hotline/kpi/tickets?month={Month}&kind=Dispatched&level=Street&unit={unitA}");
        Assert.Equal(0, otherStreet.GetProperty("total").GetInt32());

        await Get(op, $"/api/v1/hotline/kpi/tickets?month={Month}&kind=Nonsense", HttpStatusCode.BadRequest);
        await Get(op, $"/api/v1/hotline/kpi/tickets?month=2026-13&kind=Response", HttpStatusCode.BadRequest);
        await Get(op, $"/api/v1/hotline/kpi/tickets?month={Month}&kind=Response&level=Street", HttpStatusCode.BadRequest);

        // The dashboard page links every figure to this list.
        var html = await (await op.GetAsync($"/hotline/dashboard?month={Month}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains($"/hotline/kpi/tickets?month={Month}&amp;kind=Response&amp;outcome=Met", html, StringComparison.Ordinal);
        Assert.Contains($"kind=Dispatched&amp;level=Street&amp;unit={unitA}", html, StringComparison.Ordinal);
        var page = await op.GetAsync($"/hotline/kpi/tickets?month={Month}&kind=Dispatched&level=Street&unit={unitA}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(numberA, await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recorded_call_counts_give_the_answer_rate_and_bad_input_writes_nothing()
    {
        var app = fixture.Require();
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var (street, _) = await app.ClientFor(Role.StreetStaff, app.StreetOf("230102"));
        // Days of last year, so other tests in this class and the clock's month do not interfere.
        var year = YearMonthNow().Year - 1;
        await Post(street, "/api/v1/hotline/calls", new { day = $"{year}-03-01", offered = 100, answered = 90, version = 0 }, HttpStatusCode.Forbidden);
        await Post(op, "/api/v1/hotline/calls", new { day = $"{year}-03-01", offered = 100, answered = 101, version = 0 }, HttpStatusCode.BadRequest);
        await Post(op, "/api/v1/hotline/calls", new { day = YearMonthNow().AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), offered = 1, answered = 1, version = 0 }, HttpStatusCode.BadRequest);
        var recorded = await Post(op, "/api/v1/hotline/calls", new { day = $"{year}-03-01", offered = 100, answered = 90, version = 0 });
        Assert.Equal(1, recorded.GetProperty("version").GetInt32());
        await Post(op, "/api/v1/hotline/calls", new { day = $"{year}-03-01", offered = 100, answered = 95, version = 0 }, HttpStatusCode.Conflict);

        var bad = await Json(await op.PostAsJsonAsync("/api/v1/hotline/calls/import", new { csv = $"date,offered,answered\n{year}-03-02,200,150\n{year}-03-03,abc,1" }, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("3", bad.GetProperty("errors").GetProperty("csv")[0].GetString(), StringComparison.Ordinal);
        var month = await Get(op, $"/api/v1/hotline/calls?month={year}-03");
        Assert.Single(month.GetProperty("days").EnumerateArray());

        var imported = await Post(op, "/api/v1/hotline/calls/import", new { csv = $"date,offered,answered\n{year}-03-02,200,150\n{year}-03-01,100,95\n" });
        Assert.Equal(1, imported.GetProperty("added").GetInt32());
        Assert.Equal(1, imported.GetProperty("updated").GetInt32());
        var kpi = await Get(op, $"/api/v1/hotline/kpi?month={year}-03");
        var rate = kpi.GetProperty("callAnswer");
        Assert.Equal(245, rate.GetProperty("numerator").GetDouble());
        Assert.Equal(300, rate.GetProperty("denominator").GetInt32());
    }

    [Fact]
    public async Task Hotspots_flag_a_spike_and_the_heat_grid_follows_the_callers_scope()
    {
        var app = fixture.Require();
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var (street, _) = await app.ClientFor(Role.StreetStaff, app.StreetOf("230110"));
        for (var i = 0; i < 6; i++)
            await Accept(op, "street-trade.bbq", $"楼下露天烧烤油烟扰民 {i}", 45.7732 + (i * 0.0001), 126.6177);
        var report = await Get(op, $"/api/v1/hotline/hotspots?month={Month}&level=District");
        var row = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("categoryCode").GetString() == "street-trade" && r.GetProperty("areaId").GetInt64() == UnitId(app, "230102"));
        Assert.True(row.GetProperty("count").GetInt32() >= 6);
        var drill = await Get(op, row.GetProperty("drillUrl").GetString()!.Replace("/hotline/kpi/tickets", "/api/v1/hotline/kpi/tickets", StringComparison.Ordinal));
        Assert.Equal(row.GetProperty("count").GetInt32(), drill.GetProperty("total").GetInt32());
        await Get(op, $"/api/v1/hotline/hotspots?month={Month}&level=Department", HttpStatusCode.BadRequest);

        var heat = await Get(op, $"/api/v1/hotline/heat?month={Month}&category=street-trade");
        Assert.True(heat.GetProperty("tickets").GetInt32() >= 6);
        Assert.Contains(heat.GetProperty("cells").EnumerateArray(), c => Math.Abs(c.GetProperty("lat").GetDouble() - 45.7725) < 0.003 && c.GetProperty("count").GetInt32() >= 1);
        var heatForStreet = await Get(street, $"/api/v1/hotline/heat?month={Month}&category=street-trade");
        Assert.Equal(0, heatForStreet.GetProperty("tickets").GetInt32());
        var html = await (await op.GetAsync($"/hotline/hotspots?month={Month}&level=District", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("√m", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_centre_edits_categories_and_deadlines_an_administrator_publishes_weights_and_conflicts_are_409()
    {
        var app = fixture.Require();
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var (admin, _) = await app.ClientFor(Role.CityAdmin);
        var (street, _) = await app.ClientFor(Role.StreetStaff, app.StreetOf("230102"));
        var suffix = Guid.NewGuid().ToString("N")[..6];

        // Taxonomy: add, rename with the version seen, a stale version is 409, a category in use cannot be deleted.
        var category = new { code = "x" + suffix, parentCode = "noise", nameZh = "广场舞噪声" + suffix, nameEn = "Square dancing noise", defaultUnit = "市生态环境局", routeLevel = "District", keywords = new[] { "广场舞" } };
        await Post(street, "/api/v1/hotline/settings/categories", category, HttpStatusCode.Forbidden);
        await Post(op, "/api/v1/hotline/settings/categories", category with { code = "Bad Code" }, HttpStatusCode.BadRequest);
        await Post(op, "/api/v1/hotline/settings/categories", category with { parentCode = "noise.construction" }, HttpStatusCode.BadRequest);
        var added = await Post(op, "/api/v1/hotline/settings/categories", category);
        var code = added.GetProperty("code").GetString()!;
        Assert.Equal($"noise.x{suffix}", code);
        await Post(op, "/api/v1/hotline/settings/categories", category, HttpStatusCode.Conflict);
        var renamed = await Put(op, $"/api/v1/hotline/settings/categories/{code}", new { version = 1, nameZh = "广场舞扰民" + suffix, nameEn = "Square dancing", defaultUnit = "市生态环境局", routeLevel = "District", isActive = true });
        Assert.Equal(2, renamed.GetProperty("version").GetInt32());
        await Put(op, $"/api/v1/hotline/settings/categories/{code}", new { version = 1, nameZh = "旧版本", nameEn = "Stale", defaultUnit = "市生态环境局", routeLevel = "District", isActive = true }, HttpStatusCode.Conflict);
        var (ticket, _) = await Accept(op, code, "广场舞音响太吵");
        await Send(op.DeleteAsync($"/api/v1/hotline/settings/categories/{code}?version=2", Ct), HttpStatusCode.Conflict);
        await Put(op, $"/api/v1/hotline/settings/categories/{code}", new { version = 2, nameZh = "广场舞扰民" + suffix, nameEn = "Square dancing", defaultUnit = "市生态环境局", routeLevel = "District", isActive = false });
        await Post(op, "/api/v1/hotline/tickets", new { type = "Complaint", categoryCode = code, text = "又吵了", callerPhone = "13900001111" }, HttpStatusCode.BadRequest);
        var unused = await Post(op, "/api/v1/hotline/settings/categories", category with { code = "y" + suffix });
        await Send(op.DeleteAsync($"/api/v1/hotline/settings/categories/{unused.GetProperty("code").GetString()}?version=1", Ct), HttpStatusCode.OK);

        // Deadlines: a rule for the new category applies at the next dispatch; the catch-all cannot go; stale is 409.
        var rules = await Get(op, "/api/v1/hotline/settings/deadlines");
        var catchAll = rules.EnumerateArray().Single(r => r.GetProperty("isCatchAll").GetBoolean());
        await Send(op.DeleteAsync($"/api/v1/hotline/settings/deadlines/{catchAll.GetProperty("id").GetInt64()}?version={catchAll.GetProperty("version").GetInt32()}", Ct), HttpStatusCode.BadRequest);
        var rule = new { categoryCode = code, signForAmount = 3, signForUnit = "Hours", handlingAmount = 3, handlingUnit = "CalendarDays", remindBeforeSignForMinutes = 30, remindBeforeHandlingMinutes = 60 };
        await Post(op, "/api/v1/hotline/settings/deadlines", rule with { handlingUnit = "Fortnights" }, HttpStatusCode.BadRequest);
        await Post(op, "/api/v1/hotline/settings/deadlines", rule with { handlingAmount = 0 }, HttpStatusCode.BadRequest);
        await Post(street, "/api/v1/hotline/settings/deadlines", rule, HttpStatusCode.Forbidden);
        var saved = await Post(op, "/api/v1/hotline/settings/deadlines", rule);
        await Post(op, "/api/v1/hotline/settings/deadlines", rule, HttpStatusCode.BadRequest);
        var ruleId = saved.GetProperty("id").GetInt64();
        var changed = await Put(op, $"/api/v1/hotline/settings/deadlines/{ruleId}", new { version = 1, rule.categoryCode, rule.signForAmount, rule.signForUnit, handlingAmount = 4, rule.handlingUnit });
        Assert.Equal(2, changed.GetProperty("version").GetInt32());
        await Put(op, $"/api/v1/hotline/settings/deadlines/{ruleId}", new { version = 1, rule.categoryCode, rule.signForAmount, rule.signForUnit, handlingAmount = 6, rule.handlingUnit }, HttpStatusCode.Conflict);
        var dispatched = await Post(op, $"/api/v1/hotline/tickets/{ticket}/dispatch", new { version = 1, unitKind = "District", unitId = UnitId(app, "230102") });
        var due = DateTimeOffset.Parse(dispatched.GetProperty("handlingDue").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(ChinaTime.ToShanghaiOffset(ChinaTime.EndOfDayUtc(YearMonthNow().AddDays(4))), due);

        // Weights: administrators only, based on the latest version, summing to 1, never reaching back before this month.
        var versions = await Get(op, "/api/v1/hotline/settings/weights");
        var latest = versions[0].GetProperty("version").GetInt32();
        var next = new DateOnly(YearMonthNow().Year, YearMonthNow().Month, 1).AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var weights = new { basedOnVersion = latest, effectiveFrom = next, response = 0.25, resolution = 0.25, satisfaction = 0.25, onTimeClosing = 0.25, basicallySatisfiedCredit = 0.5, note = "test" };
        await Post(op, "/api/v1/hotline/settings/weights", weights, HttpStatusCode.Forbidden);
        await Post(admin, "/api/v1/hotline/settings/weights", weights with { response = 0.5 }, HttpStatusCode.BadRequest);
        await Post(admin, "/api/v1/hotline/settings/weights", weights with { effectiveFrom = "2020-01-01" }, HttpStatusCode.BadRequest);
        await Post(admin, "/api/v1/hotline/settings/weights", weights with { basedOnVersion = latest - 1 }, HttpStatusCode.Conflict);
        var published = await Post(admin, "/api/v1/hotline/settings/weights", weights);
        Assert.Equal(latest + 1, published.GetProperty("version").GetInt32());
        await Post(admin, "/api/v1/hotline/settings/weights", weights, HttpStatusCode.Conflict);
        var kpi = await Get(admin, $"/api/v1/hotline/kpi?month={next[..7]}");
        Assert.Equal(latest + 1, kpi.GetProperty("weightsVersion").GetInt32());
        Assert.All(kpi.GetProperty("rankings").EnumerateArray(), r => Assert.Equal(latest + 1, r.GetProperty("weightsVersion").GetInt32()));

        // Every change above is in the audit trail.
        Assert.True(app.Db(db => db.AuditEntries.Count(e => e.EntityType == "KpiWeightsRow")) >= 1);
        Assert.True(app.Db(db => db.AuditEntries.Count(e => e.EntityType == "Category" && e.EntityId == code)) >= 3);
        Assert.True(app.Db(db => db.AuditEntries.Count(e => e.EntityType == "DeadlineRuleRow" && e.EntityId == ruleId.ToString(CultureInfo.InvariantCulture))) >= 2);
    }

    [Fact]
    public async Task Status_labels_are_reworded_and_staff_edits_keep_the_citizens_original_text()
    {
        var app = fixture.Require();
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var (street, _) = await app.ClientFor(Role.StreetStaff, app.StreetOf("230102"));
        var labels = await Get(op, "/api/v1/hotline/settings/labels");
        var returned = labels.EnumerateArray().Single(l => l.GetProperty("status").GetString() == "Returned");
        Assert.Equal("Open", returned.GetProperty("lifecycle").GetString());
        var version = returned.GetProperty("version").GetInt32();
        await Put(street, "/api/v1/hotline/settings/labels/Returned", new { version, labelZh = "退回中心", labelEn = "Sent back" }, HttpStatusCode.Forbidden);
        await Put(op, "/api/v1/hotline/settings/labels/Returned", new { version, labelZh = "", labelEn = "Sent back" }, HttpStatusCode.BadRequest);
        await Put(op, "/api/v1/hotline/settings/labels/Nope", new { version, labelZh = "x", labelEn = "x" }, HttpStatusCode.NotFound);
        var saved = await Put(op, "/api/v1/hotline/settings/labels/Returned", new { version, labelZh = "退回中心", labelEn = "Sent back" });
        await Put(op, "/api/v1/hotline/settings/labels/Returned", new { version, labelZh = "再改", labelEn = "Again" }, HttpStatusCode.Conflict);
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());

        var streetCode = app.StreetOf("230102");
        var (id, _) = await Accept(op, "roads.damage", "路面有个大坑 <b>危险</b>");
        await Post(op, $"/api/v1/hotline/tickets/{id}/dispatch", new { version = 1, unitKind = "Street", unitId = UnitId(app, streetCode) });
        var (staff, _) = await app.ClientFor(Role.StreetStaff, streetCode);
        var back = await Post(staff, $"/api/v1/hotline/tickets/{id}/return", new { version = 2, note = "不属于本街道" });
        Assert.Equal("退回中心", back.GetProperty("statusLabel").GetString());

        await Post(street, $"/api/v1/hotline/tickets/{id}/edit-text", new { version = 3, text = "改写" }, HttpStatusCode.Forbidden);
        await Post(op, $"/api/v1/hotline/tickets/{id}/edit-text", new { version = 3, text = "  " }, HttpStatusCode.BadRequest);
        await Post(op, $"/api/v1/hotline/tickets/{id}/edit-text", new { version = 3, text = "x", categoryCode = "no-such.code" }, HttpStatusCode.BadRequest);
        var edited = await Post(op, $"/api/v1/hotline/tickets/{id}/edit-text", new { version = 3, text = "某路段路面坑洞约一米，影响通行", categoryCode = "roads.damage", note = "规范表述" });
        Assert.Equal("某路段路面坑洞约一米，影响通行", edited.GetProperty("text").GetString());
        Assert.Equal("路面有个大坑 <b>危险</b>", edited.GetProperty("originalText").GetString());
        Assert.Equal("EditText", edited.GetProperty("timeline").EnumerateArray().Last().GetProperty("action").GetString());
        await Post(op, $"/api/v1/hotline/tickets/{id}/edit-text", new { version = 3, text = "过期" }, HttpStatusCode.Conflict);
        var html = await (await op.GetAsync($"/hotline/ticket/{id}", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("路面有个大坑 &lt;b&gt;危险&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("data-action=\"edit-text\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_new_page_renders_for_the_centre_and_refuses_anonymous_visitors()
    {
        var app = fixture.Require();
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var (street, _) = await app.ClientFor(Role.StreetStaff, app.StreetOf("230102"));
        string[] pages =
        [
            "/hotline/knowledge", "/hotline/hotspots", "/hotline/calls", $"/hotline/kpi/tickets?month={Month}&kind=Response",
            "/hotline/settings/categories", "/hotline/settings/deadlines", "/hotline/settings/weights", "/hotline/settings/labels", "/hotline/dashboard",
        ];
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var url in pages)
        {
            var response = await op.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.Equal(HttpStatusCode.OK, (await street.GetAsync(url, Ct)).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(url, Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await op.GetAsync("/hotline/kpi/tickets?month=bad", Ct)).StatusCode);
    }
}

public sealed class HotlineViewsOnSqlite(SqliteFixture fixture) : HotlineViewsTests(fixture), IClassFixture<SqliteFixture>;

public sealed class HotlineViewsOnPostgres(PostgresFixture fixture) : HotlineViewsTests(fixture), IClassFixture<PostgresFixture>;
