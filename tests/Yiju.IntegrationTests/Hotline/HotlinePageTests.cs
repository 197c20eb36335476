using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;

namespace Yiju.IntegrationTests.Hotline;

/// <summary>
/// The server-rendered pages walk one ticket from the public form through dispatch, bulk sign-for, reply and callback
/// to close, with antiforgery tokens as a browser sends them; the dashboard then counts it.
/// </summary>
public abstract partial class HotlinePageTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("name=\"SubmissionKey\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex SubmissionKey();

    private static async Task<string> Page(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"GET {url}: {response.StatusCode}\n{html[..Math.Min(html.Length, 2000)]}");
        return html;
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        var html = await Page(client, pageUrl);
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(Antiforgery().Match(html).Groups[1].Value);
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(fields), Ct);
    }

    private static async Task<int> Version(YijuApp app, string number) =>
        await Task.FromResult(app.Db(db => db.Tickets.AsNoTracking().Single(t => t.Number == number).Version));

    [Fact]
    public async Task Pages_take_a_public_submission_through_dispatch_sign_for_reply_and_callback_to_close()
    {
        var app = fixture.Require();
        var resident = app.CreateClient(new() { AllowAutoRedirect = false });
        var form = await Page(resident, "/hotline/submit");
        var key = SubmissionKey().Match(form).Groups[1].Value;
        var phone = "136" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string>
        {
            ["SubmissionKey"] = key,
            ["Type"] = "Complaint",
            ["Text"] = "小区楼下烧烤摊油烟很大 <b>每晚</b>",
            ["CallerPhone"] = phone,
            ["Address"] = "道里区",
        };
        var submitted = await Post(resident, "/hotline/submit", "/hotline/submit", new(fields));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var number = Regex.Match(submitted.Headers.Location!.ToString(), @"number=([0-9A-Z-]+)").Groups[1].Value;
        var again = await Post(resident, "/hotline/submit", "/hotline/submit", new(fields));
        Assert.Contains(number, again.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, app.Db(db => db.Tickets.Count(t => t.CallerPhone == phone)));
        var id = app.Db(db => db.Tickets.Single(t => t.Number == number).Id);

        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var (cgj, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "cgj");
        var cgjId = app.Db(db => db.Departments.Single(d => d.Code == "cgj").Id);
        Assert.Contains(number, await Page(op, "/hotline"), StringComparison.Ordinal);
        var detail = await Page(op, $"/hotline/ticket/{id}");
        Assert.Contains("&lt;b&gt;每晚&lt;/b&gt;", detail, StringComparison.Ordinal); // stored as typed, shown escaped

        async Task Act(HttpClient client, string action, Dictionary<string, string> extra)
        {
            extra["action"] = action;
            extra["version"] = (await Version(app, number)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = await Post(client, $"/hotline/ticket/{id}", $"/hotline/ticket/{id}?handler=Act", extra);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.OK,
                $"{action}: {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }

        await Act(op, "dispatch", new() { ["unit"] = $"Department:{cgjId}", ["note"] = "请处理" });
        var queue = await Page(cgj, "/hotline");
        Assert.Contains(number, queue, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, queue, StringComparison.Ordinal); // lists mask the phone
        var signed = await Post(cgj, "/hotline", "/hotline?handler=SignFor", new() { ["selected"] = $"{id}|{await Version(app, number)}" });
        Assert.True(signed.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.OK, signed.StatusCode.ToString());
        await Act(cgj, "reply", new() { ["note"] = "已取缔占道烧烤" });
        Assert.Contains(number, await Page(op, "/hotline/callbacks"), StringComparison.Ordinal);
        await Act(op, "callback", new() { ["resolved"] = "true", ["satisfaction"] = "BasicallySatisfied" });
        await Act(op, "close", new());
        Assert.Equal("Closed", app.Db(db => db.Tickets.Single(t => t.Id == id).Status.ToString()));

        // A stale version on the page answers 409 and shows the latest.
        var stale = await Post(op, "/hotline/intake", $"/hotline/ticket/{id}?handler=Act", new() { ["action"] = "close", ["version"] = "1" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var tracked = await Post(resident, "/hotline/track", "/hotline/track", new() { ["Number"] = number, ["Phone"] = phone });
        Assert.Contains("已办结", await tracked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var dashboard = await Page(op, "/hotline/dashboard");
        Assert.Contains("市城管局", dashboard, StringComparison.Ordinal);
        Assert.Contains(number, await Page(op, $"/hotline/ticket/{id}"), StringComparison.Ordinal);
        await Page(op, "/hotline/intake");
        await Page(op, "/hotline/open311clients", HttpStatusCode.Forbidden);
        var (admin, _) = await app.ClientFor(Role.CityAdmin);
        await Page(admin, "/hotline/open311clients");
    }

    [Fact]
    public async Task The_intake_page_suggests_a_category_and_accepts_a_call()
    {
        var app = fixture.Require();
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var suggest = await Post(op, "/hotline/intake", "/hotline/intake?handler=Suggest", new() { ["Text"] = "家里暖气不热，室温只有十二度", ["Type"] = "Complaint", ["Urgency"] = "Normal" });
        var html = await suggest.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, suggest.StatusCode);
        Assert.Matches("value=\"heating\\.[a-z-]+\" selected", html);
        var accepted = await Post(op, "/hotline/intake", "/hotline/intake?handler=Accept", new()
        {
            ["Text"] = "家里暖气不热，室温只有十二度",
            ["Type"] = "Complaint",
            ["Urgency"] = "Urgent",
            ["CategoryCode"] = "heating.indoor-temperature",
            ["CallerName"] = "王五",
            ["CallerPhone"] = "13611112222",
            ["Latitude"] = "45.7732",
            ["Longitude"] = "126.6177",
        });
        // HttpClient drops the bearer token when it follows a redirect; open the ticket it was sent to with the token.
        var ticketUrl = Uri.UnescapeDataString(accepted.RequestMessage!.RequestUri!.Query.Replace("?ReturnUrl=", "", StringComparison.Ordinal));
        Assert.StartsWith("/hotline/ticket/", ticketUrl, StringComparison.Ordinal);
        var page = await Page(op, ticketUrl);
        Assert.True(page.Contains("13611112222", StringComparison.Ordinal), page[page.IndexOf("<main", StringComparison.Ordinal)..]);
        Assert.Contains("市住建局", page, StringComparison.Ordinal); // the suggested receiving unit is preselected for dispatch
    }
}

public sealed class HotlinePagesOnSqlite(SqliteFixture fixture) : HotlinePageTests(fixture), IClassFixture<SqliteFixture>;

public sealed class HotlinePagesOnPostgres(PostgresFixture fixture) : HotlinePageTests(fixture), IClassFixture<PostgresFixture>;
