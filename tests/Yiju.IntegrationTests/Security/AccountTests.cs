using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Data;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;
using Yiju.Organisation.Features.People;

namespace Yiju.IntegrationTests.Security;

public abstract partial class AccountTests(AppFixture fixture)
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static async Task<HttpResponseMessage> PostSignIn(HttpClient client, string user, string password)
    {
        var form = await client.GetStringAsync("/account/signin", TestContext.Current.CancellationToken);
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
    }

    private static HttpClient Browser(YijuApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Admin_signs_in_with_the_configured_password()
    {
        var client = Browser(fixture.Require());
        var response = await PostSignIn(client, "admin", YijuApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var audit = await client.GetAsync("/admin/audit", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var app = fixture.Require();
        var (_, user) = await app.ClientFor(Role.StreetStaff, app.StreetOf("230102"));
        var client = Browser(app);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await PostSignIn(client, user, "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await PostSignIn(client, user, "Password-1234");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("锁定", await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_change_or_deactivation_reaches_a_signed_in_session_at_once()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (_, user) = await app.ClientFor(Role.Auditor);
        var client = Browser(app);
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignIn(client, user, "Password-1234")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/audit", ct)).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            var people = scope.ServiceProvider.GetRequiredService<PeopleHandlers>();
            var person = (await people.List(user, ct)).Single();
            var saved = await people.Save(new SavePersonCommand(person.Id, user, person.DisplayName, null, true, null,
                [new GrantInput(Role.StreetStaff, app.StreetOf("230102"), null)], person.Version), Caller.System("test"), ct);
            Assert.True(saved.Succeeded, saved.Failure?.Message);
        }
        // Pages send a refused person to the access-denied page, which answers 403.
        var refused = await client.GetAsync("/admin/audit", ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);

        using (var scope = app.Services.CreateScope())
        {
            var people = scope.ServiceProvider.GetRequiredService<PeopleHandlers>();
            var person = (await people.List(user, ct)).Single();
            var saved = await people.Save(new SavePersonCommand(person.Id, user, person.DisplayName, null, false, null,
                [new GrantInput(Role.StreetStaff, app.StreetOf("230102"), null)], person.Version), Caller.System("test"), ct);
            Assert.True(saved.Succeeded, saved.Failure?.Message);
        }
        var afterDeactivation = await client.GetAsync("/account/tokens", ct);
        Assert.Equal(HttpStatusCode.Redirect, afterDeactivation.StatusCode);
        Assert.Contains("/account/signin", afterDeactivation.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_form_without_antiforgery_token_is_refused()
    {
        var client = Browser(fixture.Require());
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = YijuApp.AdminPassword }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Tokens_are_shown_once_stored_hashed_and_stop_working_when_revoked()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (client, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        var created = await client.PostAsJsonAsync("/api/v1/account/tokens", new { name = "外部系统", daysValid = 30 }, ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        var token = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("summary").GetProperty("id").GetInt64();
        Assert.False(app.Db(db => db.AccessTokens.Any(t => t.Hash == token)));

        var other = app.CreateClient();
        other.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/account/me", ct)).StatusCode);
        var list = await client.GetStringAsync("/api/v1/account/tokens", ct);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/account/tokens/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/account/me", ct)).StatusCode);
    }

    [Fact]
    public async Task Someone_elses_token_cannot_be_revoked()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (owner, _) = await app.ClientFor(Role.Auditor);
        var (stranger, _) = await app.ClientFor(Role.StreetStaff, app.StreetOf("230103"));
        var id = (await (await owner.PostAsJsonAsync("/api/v1/account/tokens", new { name = "mine" }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("summary").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.DeleteAsync($"/api/v1/account/tokens/{id}", ct)).StatusCode);
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_pages_are_Chinese_by_default()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = fixture.Require().CreateClient();
        var response = await client.GetAsync("/", ct);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("组织机构", html, StringComparison.Ordinal);
        var english = await client.GetStringAsync("/?culture=en&ui-culture=en", ct);
        Assert.Contains("Organisation", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_organisation_api()
    {
        var doc = await fixture.Require().CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("/api/v1/organisation/units", doc, StringComparison.Ordinal);
        Assert.Contains("/api/v1/account/tokens", doc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_pages_are_404_for_staff()
    {
        var (client, _) = await fixture.Require().ClientFor(Role.CityAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/organisation/units/NOSUCHUNIT", TestContext.Current.CancellationToken)).StatusCode);
    }
}

public sealed class AccountOnSqlite(SqliteFixture fixture) : AccountTests(fixture), IClassFixture<SqliteFixture>;

public sealed class AccountOnPostgres(PostgresFixture fixture) : AccountTests(fixture), IClassFixture<PostgresFixture>;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Anonymous_callers_are_rate_limited_per_minute()
    {
        await using var app = await YijuApp.Start(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["RateLimiting:AnonymousPermitsPerMinute"] = "3" });
        var client = app.CreateClient();
        var codes = new List<HttpStatusCode>();
        // Public pages and the public API draw on the same allowance per address.
        foreach (var path in new[] { "/", "/organisation", "/api/v1/organisation/units?level=district", "/api/v1/organisation/units?level=district", "/" })
            codes.Add((await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes);

        var (staff, _) = await app.ClientFor(Kernel.Security.Role.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }
}
