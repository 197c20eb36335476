using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;

namespace Yiju.IntegrationTests.Hotline;

/// <summary>
/// GeoReport v2 point by point (the checklist in docs/modules/hotline.md, Open311 section): discovery fields, UTF-8
/// declaration and content types, jurisdiction_id, the three kinds of location, media_url, the 90-day span, closed
/// and merged requests, several ids at once, and the error document.
/// </summary>
public abstract class Open311SpecTests(AppFixture fixture)
{
    private const string Category = "noise.construction";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode} (expected {expected}): {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<XDocument> Xml(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode} (expected {expected}): {body}");
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString(), ignoreCase: true);
        var doc = XDocument.Parse(body);
        Assert.True(doc.Descendants().All(e => e.Name.NamespaceName.Length == 0 && !e.Attributes().Any()), "no namespaces or attributes in GeoReport XML");
        return doc;
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task<string> ApiKey(YijuApp app)
    {
        var (admin, _) = await app.ClientFor(Role.CityAdmin);
        var registered = await Json(await admin.PostAsJsonAsync("/api/v1/hotline/open311-clients", new { name = "规范测试 spec test" }, Ct), HttpStatusCode.OK);
        return registered.GetProperty("apiKey").GetString()!;
    }

    [Fact]
    public async Task Discovery_carries_every_required_field_in_XML_and_JSON()
    {
        var anon = fixture.Require().CreateClient();
        var xml = await Xml(await anon.GetAsync("/open311/v2/discovery.xml", Ct), HttpStatusCode.OK);
        foreach (var field in new[] { "changeset", "contact", "key_service" })
            Assert.False(string.IsNullOrWhiteSpace(xml.Root!.Element(field)?.Value), field);
        var endpoint = xml.Root!.Element("endpoints")!.Element("endpoint")!;
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.Element("specification")!.Value);
        Assert.EndsWith("/open311/v2", endpoint.Element("url")!.Value, StringComparison.Ordinal);
        Assert.Equal("production", endpoint.Element("type")!.Value);
        Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(f => f.Value));

        var response = await anon.GetAsync("/open311/v2/discovery.json", Ct);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString(), ignoreCase: true);
        var json = await Json(response, HttpStatusCode.OK);
        Assert.Equal("application/json", json.GetProperty("endpoints")[0].GetProperty("formats")[1].GetString());
    }

    [Fact]
    public async Task Jurisdiction_id_may_be_absent_empty_or_ours_and_any_other_is_404()
    {
        var app = fixture.Require();
        var anon = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/open311/v2/services.xml?jurisdiction_id=harbin.gov.cn", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/open311/v2/services.xml?jurisdiction_id=", Ct)).StatusCode);
        var wrong = await Xml(await anon.GetAsync("/open311/v2/services.xml?jurisdiction_id=sfgov.org", Ct), HttpStatusCode.NotFound);
        Assert.Equal("errors", wrong.Root!.Name.LocalName);
        Assert.Equal("404", wrong.Root.Element("error")!.Element("code")!.Value);
        Assert.Contains("jurisdiction_id", wrong.Root.Element("error")!.Element("description")!.Value, StringComparison.Ordinal);
        await Json(await anon.GetAsync($"/open311/v2/services/{Category}.json?jurisdiction_id=sfgov.org", Ct), HttpStatusCode.NotFound);
        await Json(await anon.GetAsync("/open311/v2/requests.json?jurisdiction_id=sfgov.org", Ct), HttpStatusCode.NotFound);
        var key = await ApiKey(app);
        await Json(await anon.PostAsync("/open311/v2/requests.json",
            Form(("api_key", key), ("jurisdiction_id", "sfgov.org"), ("service_code", Category), ("address_string", "道里区中央大街1号")), Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_request_is_located_by_lat_and_long_by_address_string_or_by_address_id_and_keeps_its_media_url()
    {
        var app = fixture.Require();
        var anon = app.CreateClient();
        var key = await ApiKey(app);
        (string, string)[] Base(params (string, string)[] more) =>
            [("api_key", key), ("jurisdiction_id", "harbin.gov.cn"), ("service_code", Category), ("description", "夜间施工 night works"), .. more];

        var byPoint = await Json(await anon.PostAsync("/open311/v2/requests.json", Form(Base(("lat", "45.7732"), ("long", "126.6177"))), Ct), HttpStatusCode.OK);
        var byAddress = await Json(await anon.PostAsync("/open311/v2/requests.json", Form(Base(("address_string", "道里区中央大街1号"))), Ct), HttpStatusCode.OK);
        var byId = await Xml(await anon.PostAsync("/open311/v2/requests.xml",
            Form(Base(("address_id", "HRB-000123"), ("email", "resident@example.org"), ("device_id", "d-1"), ("account_id", "a-1"),
                ("media_url", "https://example.org/photo/1.jpg"))), Ct), HttpStatusCode.OK);
        var created = byId.Root!.Element("request")!;
        Assert.Equal("service_requests", byId.Root.Name.LocalName);
        Assert.Null(created.Element("token")); // realtime: a service_request_id, never a token as well
        Assert.Equal(string.Empty, created.Element("account_id")!.Value);
        Assert.Equal(JsonValueKind.Null, byPoint[0].GetProperty("account_id").ValueKind);
        Assert.False(byAddress[0].TryGetProperty("token", out _));

        var id = created.Element("service_request_id")!.Value;
        var read = await Json(await anon.GetAsync($"/open311/v2/requests/{id}.json", Ct), HttpStatusCode.OK);
        Assert.Equal("https://example.org/photo/1.jpg", read[0].GetProperty("media_url").GetString());
        Assert.Equal("夜间施工 night works", read[0].GetProperty("description").GetString());
        Assert.Contains("HRB-000123", read[0].GetProperty("address").GetString(), StringComparison.Ordinal);

        await Json(await anon.PostAsync("/open311/v2/requests.json", Form(Base(("lat", "45.7732"))), Ct), HttpStatusCode.BadRequest);
        await Json(await anon.PostAsync("/open311/v2/requests.json", Form(Base()), Ct), HttpStatusCode.BadRequest);
        await Json(await anon.PostAsync("/open311/v2/requests.json", Form(Base(("address_string", "x"), ("media_url", "javascript:alert(1)"))), Ct), HttpStatusCode.BadRequest);
        await Json(await anon.PostAsync("/open311/v2/requests.json", Form(("api_key", key), ("address_string", "x")), Ct), HttpStatusCode.BadRequest);
        var noKey = await Json(await anon.PostAsync("/open311/v2/requests.json", Form(Base(("address_string", "x"))[1..]), Ct), HttpStatusCode.Forbidden);
        Assert.Equal(403, noKey[0].GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Requests_are_read_several_at_once_within_90_days_and_closed_or_merged_ones_say_so()
    {
        var app = fixture.Require();
        var anon = app.CreateClient();
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var key = await ApiKey(app);
        async Task<string> Post(string text) =>
            (await Json(await anon.PostAsync("/open311/v2/requests.json",
                Form(("api_key", key), ("service_code", Category), ("description", text), ("address_string", "道里区中央大街8号")), Ct), HttpStatusCode.OK))[0]
                .GetProperty("service_request_id").GetString()!;
        var marker = Guid.NewGuid().ToString("N")[..6];
        var first = await Post($"中央大街{marker}号工地夜间施工噪音扰民");
        var second = await Post($"中央大街{marker}号工地夜间施工噪音太大");
        var third = await Post("咨询施工许可 consultation");

        var both = await Json(await anon.GetAsync($"/open311/v2/requests.json?service_request_id={first},{second}", Ct), HttpStatusCode.OK);
        Assert.Equal([first, second], both.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()).Order(StringComparer.Ordinal));

        // The centre merges the second into the first and resolves the third at intake.
        var secondId = app.Db(db => db.Tickets.AsNoTracking().Single(t => t.Number == second).Id);
        var thirdId = app.Db(db => db.Tickets.AsNoTracking().Single(t => t.Number == third).Id);
        await Json(await op.PostAsJsonAsync($"/api/v1/hotline/tickets/{secondId}/merge", new { version = 1, targetNumber = first }, Ct), HttpStatusCode.OK);
        await Json(await op.PostAsJsonAsync($"/api/v1/hotline/tickets/{thirdId}/resolve-at-intake", new { version = 1, note = "已电话答复 answered by phone" }, Ct), HttpStatusCode.OK);
        var closedAt = app.Db(db => db.Tickets.AsNoTracking().Single(t => t.Id == thirdId).ClosedAtUtc!.Value);

        var merged = await Xml(await anon.GetAsync($"/open311/v2/requests/{second}.xml", Ct), HttpStatusCode.OK);
        Assert.Equal("closed", merged.Root!.Element("request")!.Element("status")!.Value);
        Assert.Contains(first, merged.Root.Element("request")!.Element("status_notes")!.Value, StringComparison.Ordinal);
        var closed = await Json(await anon.GetAsync($"/open311/v2/requests/{third}.json", Ct), HttpStatusCode.OK);
        Assert.Equal("closed", closed[0].GetProperty("status").GetString());
        Assert.Equal(closedAt, DateTimeOffset.Parse(closed[0].GetProperty("updated_datetime").GetString()!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime,
            TimeSpan.FromSeconds(1));
        var closedOnes = await Json(await anon.GetAsync($"/open311/v2/requests.json?status=closed&service_code={Category}", Ct), HttpStatusCode.OK);
        Assert.Contains(closedOnes.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == second);
        Assert.DoesNotContain(closedOnes.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == first);

        // "may not span more than 90 days"; either date alone is a 90-day window.
        await Json(await anon.GetAsync("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", Ct), HttpStatusCode.BadRequest);
        await Json(await anon.GetAsync("/open311/v2/requests.json?start_date=2026-06-01T00:00:00%2B08:00", Ct), HttpStatusCode.OK);
        await Json(await anon.GetAsync("/open311/v2/requests.json?start_date=not-a-date", Ct), HttpStatusCode.BadRequest);
        await Json(await anon.GetAsync("/open311/v2/requests.json?status=pending", Ct), HttpStatusCode.BadRequest);
    }
}

public sealed class Open311SpecOnSqlite(SqliteFixture fixture) : Open311SpecTests(fixture), IClassFixture<SqliteFixture>;

public sealed class Open311SpecOnPostgres(PostgresFixture fixture) : Open311SpecTests(fixture), IClassFixture<PostgresFixture>;
