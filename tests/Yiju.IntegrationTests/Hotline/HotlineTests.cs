using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Security;
using Yiju.Organisation.Domain;

namespace Yiju.IntegrationTests.Hotline;

/// <summary>The 12345 workflow over HTTP, on each database: intake to close, scope, conflicts, public submission, Open311, deadlines.</summary>
public abstract class HotlineTests(AppFixture fixture)
{
    private const string Category = "noise.construction";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Intake(string text, string phone = "13812345678", double? lat = null, double? lon = null) => new
    {
        type = "Complaint",
        categoryCode = Category,
        text,
        urgency = "Normal",
        callerName = "张三",
        callerPhone = phone,
        address = "道里区中央大街",
        latitude = lat,
        longitude = lon,
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode} (expected {expected}): {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<JsonElement> Act(HttpClient client, Guid id, string action, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await Json(await client.PostAsJsonAsync($"/api/v1/hotline/tickets/{id}/{action}", body, Ct), expected);

    private static async Task<(Guid Id, string Number)> Accept(HttpClient operatorClient, object intake)
    {
        var created = await Json(await operatorClient.PostAsJsonAsync("/api/v1/hotline/tickets", intake, Ct), HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("number").GetString()!);
    }

    private static async Task<int> VersionOf(HttpClient client, Guid id) =>
        (await Json(await client.GetAsync($"/api/v1/hotline/tickets/{id}", Ct), HttpStatusCode.OK)).GetProperty("version").GetInt32();

    private static long UnitId(YijuApp app, string code) => app.Db(db => db.Units.AsNoTracking().Single(u => u.Code == code).Id);

    private static long DepartmentId(YijuApp app, string code) => app.Db(db => db.Departments.AsNoTracking().Single(d => d.Code == code).Id);

    [Fact]
    public async Task A_ticket_goes_from_intake_through_dispatch_sign_for_reply_and_callback_to_close_and_the_dashboard_counts_it()
    {
        var app = fixture.Require();
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var (zjj, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var (admin, _) = await app.ClientFor(Role.CityAdmin);

        var suggest = await Json(await op.GetAsync("/api/v1/hotline/suggest?text=" + Uri.EscapeDataString("小区暖气不热，室温只有12度"), Ct), HttpStatusCode.OK);
        Assert.StartsWith("heating", suggest.GetProperty("categories")[0].GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.Equal("市住建局", suggest.GetProperty("unit").GetProperty("name").GetString());

        var (id, number) = await Accept(op, Intake("夜间工地施工噪音扰民 <script>alert(1)</script>", lat: 45.7732, lon: 126.6177));
        Assert.Matches(@"^12345-\d{8}-\d{6}$", number);
        var ticket = await Act(op, id, "dispatch", new { version = 1, unitKind = "Department", unitId = DepartmentId(app, "zjj"), note = "请核实处理" });
        Assert.Equal("Dispatched", ticket.GetProperty("status").GetString());
        Assert.Equal(UnitId(app, "230102"), ticket.GetProperty("districtId").GetInt64());
        Assert.Contains("<script>", ticket.GetProperty("originalText").GetString(), StringComparison.Ordinal);

        var queue = await Json(await zjj.GetAsync("/api/v1/hotline/tickets", Ct), HttpStatusCode.OK);
        Assert.Contains(queue.GetProperty("rows").EnumerateArray(), r => r.GetProperty("number").GetString() == number);
        Assert.Contains(queue.GetProperty("rows").EnumerateArray(), r => r.GetProperty("callerPhone").GetString() == "138****5678");

        ticket = await Act(zjj, id, "sign-for", new { version = 2 });
        Assert.Equal("InHandling", ticket.GetProperty("status").GetString());
        Assert.Equal("13812345678", ticket.GetProperty("callerPhone").GetString());
        ticket = await Act(zjj, id, "reply", new { version = 3, note = "已责令施工单位夜间停工" });
        Assert.Equal("Replied", ticket.GetProperty("status").GetString());

        var callbacks = await Json(await op.GetAsync("/api/v1/hotline/tickets?status=Replied", Ct), HttpStatusCode.OK);
        Assert.Contains(callbacks.GetProperty("rows").EnumerateArray(), r => r.GetProperty("number").GetString() == number);
        ticket = await Act(op, id, "callback", new { version = 4, resolved = true, satisfaction = "Satisfied" });
        ticket = await Act(op, id, "close", new { version = 5 });
        Assert.Equal("Closed", ticket.GetProperty("status").GetString());
        Assert.Equal(new[] { "Accept", "Dispatch", "SignFor", "Reply", "Callback", "Close" },
            ticket.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToArray());

        var viewedByAdmin = await Json(await admin.GetAsync($"/api/v1/hotline/tickets/{id}", Ct), HttpStatusCode.OK);
        Assert.Equal("138****5678", viewedByAdmin.GetProperty("callerPhone").GetString());

        var kpi = await Json(await admin.GetAsync("/api/v1/hotline/kpi", Ct), HttpStatusCode.OK);
        var departments = kpi.GetProperty("rankings").EnumerateArray().Single(r => r.GetProperty("level").GetString() == "Department");
        var row = departments.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("unitId").GetInt64() == DepartmentId(app, "zjj"));
        Assert.True(row.GetProperty("resolution").GetProperty("numerator").GetDouble() >= 1);
        Assert.True(kpi.GetProperty("tickets").GetInt32() >= 1);

        var tracked = await Json(await app.CreateClient().GetAsync($"/api/v1/hotline/public/tickets/{number}?phone=13812345678", Ct), HttpStatusCode.OK);
        Assert.Equal("Closed", tracked.GetProperty("lifecycle").GetString());
    }

    [Fact]
    public async Task Search_finds_a_word_in_the_text_or_the_address_a_single_character_and_a_number_and_nothing_across_the_two()
    {
        // On PostgreSQL words of two or more characters go through the character-pair index of open tickets; on both
        // providers the results must be those of the plain substring test.
        var app = fixture.Require();
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var tag = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        object Ticket(string text, string address) => new { type = "Complaint", categoryCode = Category, text, urgency = "Normal", callerPhone = "13812345678", address };
        var (_, inText) = await Accept(op, Ticket($"楼下烧烤店油烟扰民䶮{tag}甲", "香坊区红旗大街"));
        var (_, inAddress) = await Accept(op, Ticket("夜间施工噪音", $"道里区䶵{tag}乙路"));
        var (_, rare) = await Accept(op, Ticket($"𠀀好{tag}，生僻字地址", "南岗区"));
        var (closedId, closedNumber) = await Accept(op, Ticket($"已办结䶮{tag}甲", "南岗区"));
        await Act(op, closedId, "resolve-at-intake", new { version = 1, note = "已答复" });

        async Task<List<string>> Search(string q, string statuses = "")
        {
            var page = await Json(await op.GetAsync($"/api/v1/hotline/tickets?q={Uri.EscapeDataString(q)}{statuses}", Ct), HttpStatusCode.OK);
            return [.. page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("number").GetString()!)];
        }

        Assert.Equal([inText], await Search($"䶮{tag}甲"));
        Assert.Equal([inText], await Search("甲".Insert(0, tag[^1..])));
        Assert.Equal([inAddress], await Search($"䶵{tag}乙"));
        Assert.Equal([rare], await Search($"𠀀好{tag}"));
        Assert.Contains(inText, await Search("䶮"));
        Assert.DoesNotContain(inText, await Search($"{tag}甲香"));
        Assert.Equal([inAddress], await Search(inAddress));
        Assert.Empty(await Search($"䶮{tag}乙"));
        Assert.Equal([closedNumber], await Search($"已办结䶮{tag}", "&status=Closed"));

        // A staff edit is searchable at once by its new words, and no longer by the words it replaced.
        var (editedId, editedNumber) = await Accept(op, Ticket($"原话䶴{tag}丙", "道外区"));
        Assert.Equal([editedNumber], await Search($"䶴{tag}丙"));
        await Act(op, editedId, "edit-text", new { version = 1, text = $"改写䶴{tag}丁" });
        Assert.Equal([editedNumber], await Search($"䶴{tag}丁"));
        Assert.Empty(await Search($"䶴{tag}丙"));
    }

    [Fact]
    public async Task A_street_sees_and_acts_on_only_its_own_tickets()
    {
        var app = fixture.Require();
        var streetA = app.StreetOf("230102");
        var streetB = app.StreetOf("230103");
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var (a, _) = await app.ClientFor(Role.StreetStaff, streetA);
        var (b, _) = await app.ClientFor(Role.StreetStaff, streetB);
        var (id, number) = await Accept(op, Intake("楼道堆放杂物"));
        await Act(op, id, "dispatch", new { version = 1, unitKind = "Street", unitId = UnitId(app, streetA) });

        Assert.Equal(HttpStatusCode.Forbidden, (await b.GetAsync($"/api/v1/hotline/tickets/{id}", Ct)).StatusCode);
        await Act(b, id, "sign-for", new { version = 2 }, HttpStatusCode.Forbidden);
        var queueB = await Json(await b.GetAsync("/api/v1/hotline/tickets", Ct), HttpStatusCode.OK);
        Assert.DoesNotContain(queueB.GetProperty("rows").EnumerateArray(), r => r.GetProperty("number").GetString() == number);

        var queueA = await Json(await a.GetAsync("/api/v1/hotline/tickets", Ct), HttpStatusCode.OK);
        Assert.Contains(queueA.GetProperty("rows").EnumerateArray(), r => r.GetProperty("number").GetString() == number);
        await Act(a, id, "sign-for", new { version = 2 });
        // A unit may not dispatch: that is the centre's job.
        await Act(a, id, "dispatch", new { version = 3, unitKind = "Street", unitId = UnitId(app, streetB) }, HttpStatusCode.Conflict);
        var returned = await Act(a, id, "return", new { version = 3, note = "不属于本街道辖区" });
        Assert.Equal("Returned", returned.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_units_acting_on_one_version_one_wins_and_the_other_gets_409()
    {
        var app = fixture.Require();
        var street = app.StreetOf("230104");
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var (s1, _) = await app.ClientFor(Role.StreetStaff, street);
        var (s2, _) = await app.ClientFor(Role.StreetStaff, street);
        var (id, _) = await Accept(op, Intake("路灯不亮"));
        await Act(op, id, "dispatch", new { version = 1, unitKind = "Street", unitId = UnitId(app, street) });

        var both = await Task.WhenAll(
            s1.PostAsJsonAsync($"/api/v1/hotline/tickets/{id}/sign-for", new { version = 2 }, Ct),
            s2.PostAsJsonAsync($"/api/v1/hotline/tickets/{id}/return", new { version = 2, note = "非本单位职责" }, Ct));
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(3, await VersionOf(op, id));

        // A stale version is refused before anything changes.
        await Act(op, id, "supervise", new { version = 2, note = "请加快", flagged = true }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_nearby_report_with_similar_words_is_suggested_as_a_duplicate_and_merged()
    {
        var app = fixture.Require();
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var marker = Guid.NewGuid().ToString("N")[..6];
        var (first, firstNumber) = await Accept(op, Intake($"松花江街{marker}号工地夜间施工噪音扰民", lat: 45.7701, lon: 126.6301));
        var (second, _) = await Accept(op, Intake($"松花江街{marker}号工地晚上施工噪音太大扰民", lat: 45.7702, lon: 126.6302));

        var duplicates = await Json(await op.GetAsync($"/api/v1/hotline/tickets/{second}/duplicates", Ct), HttpStatusCode.OK);
        Assert.Contains(duplicates.EnumerateArray(), d => d.GetProperty("number").GetString() == firstNumber);
        var merged = await Act(op, second, "merge", new { version = 1, targetNumber = firstNumber });
        Assert.Equal("Merged", merged.GetProperty("status").GetString());
        var target = await Json(await op.GetAsync($"/api/v1/hotline/tickets/{first}", Ct), HttpStatusCode.OK);
        Assert.Contains(target.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("action").GetString() == "AbsorbDuplicate");
    }

    [Fact]
    public async Task A_resident_submission_repeated_with_one_idempotency_key_makes_one_ticket_and_can_be_tracked()
    {
        var app = fixture.Require();
        var client = app.CreateClient();
        var key = Guid.NewGuid().ToString("N");
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = new { type = "Help", text = "小区门前积雪结冰没人清理，路面很滑", callerPhone = phone, address = "南岗区学府路" };

        async Task<HttpResponseMessage> Post()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hotline/public/tickets") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request, Ct);
        }

        var first = await Json(await Post(), HttpStatusCode.Created);
        var again = await Json(await Post(), HttpStatusCode.OK);
        var number = first.GetProperty("number").GetString()!;
        Assert.Equal(number, again.GetProperty("number").GetString());
        Assert.Equal(1, app.Db(db => db.Tickets.Count(t => t.CallerPhone == phone)));
        Assert.StartsWith("snow-ice", app.Db(db => db.Tickets.Single(t => t.Number == number).CategoryCode), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/hotline/public/tickets/{number}?phone={phone}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/hotline/public/tickets/{number}?phone=13900000000", Ct)).StatusCode);

        var noPhone = await client.PostAsJsonAsync("/api/v1/hotline/public/tickets", new { text = "没有电话" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noPhone.StatusCode);
        var badPoint = await client.PostAsJsonAsync("/api/v1/hotline/public/tickets", new { text = "坐标错", callerPhone = phone, latitude = 95.0, longitude = 126.6 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badPoint.StatusCode);
        var tooLong = await client.PostAsJsonAsync("/api/v1/hotline/public/tickets", new { text = new string('长', 5000), callerPhone = phone }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Open311_clients_post_and_read_requests_in_JSON_and_XML()
    {
        var app = fixture.Require();
        var (admin, _) = await app.ClientFor(Role.CityAdmin);
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var registered = await Json(await admin.PostAsJsonAsync("/api/v1/hotline/open311-clients", new { name = "测试客户端" }, Ct), HttpStatusCode.OK);
        var apiKey = registered.GetProperty("apiKey").GetString()!;
        var anon = app.CreateClient();

        var discovery = XDocument.Parse(await anon.GetStringAsync("/open311/v2/discovery.xml", Ct));
        Assert.Equal("discovery", discovery.Root!.Name.LocalName);
        var services = await Json(await anon.GetAsync("/open311/v2/services.json", Ct), HttpStatusCode.OK);
        Assert.Contains(services.EnumerateArray(), s => s.GetProperty("service_code").GetString() == Category);
        var servicesXml = XDocument.Parse(await anon.GetStringAsync("/open311/v2/services.xml", Ct));
        Assert.Equal("services", servicesXml.Root!.Name.LocalName);
        Assert.True(servicesXml.Descendants().All(e => e.Name.NamespaceName.Length == 0 && !e.Attributes().Any()), "no namespaces or attributes in GeoReport XML");
        var definition = await Json(await anon.GetAsync($"/open311/v2/services/{Category}.json", Ct), HttpStatusCode.OK);
        Assert.Equal("request_type", definition.GetProperty("attributes")[0].GetProperty("code").GetString());

        FormUrlEncodedContent Form(string key, string service) => new(new Dictionary<string, string>
        {
            ["api_key"] = key,
            ["service_code"] = service,
            ["lat"] = "45.7732",
            ["long"] = "126.6177",
            ["description"] = "中央大街附近施工噪音",
            ["first_name"] = "四",
            ["last_name"] = "李",
            ["phone"] = "13700000000",
            ["attribute[request_type]"] = "complaint",
        });

        var posted = await Json(await anon.PostAsync("/open311/v2/requests.json", Form(apiKey, Category), Ct), HttpStatusCode.OK);
        var requestId = posted[0].GetProperty("service_request_id").GetString()!;
        var postedXml = XDocument.Parse(await (await anon.PostAsync("/open311/v2/requests.xml", Form(apiKey, Category), Ct)).Content.ReadAsStringAsync(Ct));
        Assert.NotEmpty(postedXml.Root!.Element("request")!.Element("service_request_id")!.Value);

        var badKey = await anon.PostAsync("/open311/v2/requests.xml", Form("o311_wrong", Category), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, badKey.StatusCode);
        Assert.Equal("403", XDocument.Parse(await badKey.Content.ReadAsStringAsync(Ct)).Root!.Element("error")!.Element("code")!.Value);
        var badService = await Json(await anon.PostAsync("/open311/v2/requests.json", Form(apiKey, "no-such-service"), Ct), HttpStatusCode.NotFound);
        Assert.Equal(404, badService[0].GetProperty("code").GetInt32());

        // Dispatch it, then read it back: expected_datetime is the handling deadline, dates carry the +08:00 offset.
        var id = app.Db(db => db.Tickets.Single(t => t.Number == requestId).Id);
        var dispatched = await Act(op, id, "dispatch", new { version = 1, unitKind = "Department", unitId = DepartmentId(app, "cgj") });
        var one = XDocument.Parse(await anon.GetStringAsync($"/open311/v2/requests/{requestId}.xml", Ct));
        var request = one.Root!.Element("request")!;
        Assert.Equal("service_requests", one.Root.Name.LocalName);
        Assert.Equal("open", request.Element("status")!.Value);
        Assert.EndsWith("+08:00", request.Element("requested_datetime")!.Value, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse(dispatched.GetProperty("handlingDue").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(request.Element("expected_datetime")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("市城管局", request.Element("agency_responsible")!.Value);

        var list = await Json(await anon.GetAsync($"/open311/v2/requests.json?service_code={Category}&status=open", Ct), HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == requestId);
        Assert.True(list.GetArrayLength() <= 1000);
        var closedOnly = await Json(await anon.GetAsync($"/open311/v2/requests.json?service_request_id={requestId}&status=closed", Ct), HttpStatusCode.OK);
        Assert.Equal(1, closedOnly.GetArrayLength()); // with service_request_id every other parameter is ignored
        var old = await Json(await anon.GetAsync("/open311/v2/requests.json?end_date=2020-01-01T00:00:00%2B08:00", Ct), HttpStatusCode.OK);
        Assert.Equal(0, old.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/open311/v2/requests/12345-20200101-000001.json", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_ticket_dispatched_the_day_before_National_Day_is_due_five_working_days_after_the_holiday()
    {
        var app = fixture.Require();
        // 2026-09-30 (Wednesday) 10:00 in Harbin; 1–7 October are off and Saturday 10 October is a make-up working day.
        var clock = new FixedClock(new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8)));
        await using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var (staff, _) = await app.ClientFor(Role.HotlineOperator);
        var op = factory.CreateClient();
        op.DefaultRequestHeaders.Authorization = staff.DefaultRequestHeaders.Authorization;

        var (id, number) = await Accept(op, Intake("节前工地夜间施工"));
        Assert.Contains("-20260930-", number, StringComparison.Ordinal);
        var ticket = await Act(op, id, "dispatch", new { version = 1, unitKind = "Department", unitId = DepartmentId(app, "cgj") });
        // Working days 8, 9, 10 (make-up Saturday), 12 and 13 October: due at the end of 13 October.
        Assert.Equal(new DateTimeOffset(2026, 10, 14, 0, 0, 0, TimeSpan.FromHours(8)),
            DateTimeOffset.Parse(ticket.GetProperty("handlingDue").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 10, 0, 0, TimeSpan.FromHours(8)),
            DateTimeOffset.Parse(ticket.GetProperty("signForDue").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ChinaTime.EndOfDayUtc(new DateOnly(2026, 10, 13)), app.Db(db => db.Tickets.Single(t => t.Id == id).HandlingDueUtc));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}

public sealed class HotlineOnSqlite(SqliteFixture fixture) : HotlineTests(fixture), IClassFixture<SqliteFixture>;

public sealed class HotlineOnPostgres(PostgresFixture fixture) : HotlineTests(fixture), IClassFixture<PostgresFixture>;
