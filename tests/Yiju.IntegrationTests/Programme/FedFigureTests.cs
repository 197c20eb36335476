using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Data;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;

namespace Yiju.IntegrationTests.Programme;

/// <summary>
/// A department takes a figure another module feeds in as its draft, which then goes through submit and approval like
/// any other; only the line's reporter may, the figure comes from the feed (not the request), it is audited, and a
/// period that already has a value is a conflict. The app gets one extra feed through the Kernel contract, publishing
/// 老旧小区改造项目 (H4.G1.T1.I2, led by 市住建局) for 2024 and 2025.
/// </summary>
public abstract partial class FedFigureTests(DatabaseProvider provider)
{
    private const string Code = "H4.G1.T1.I2";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> Take(HttpClient client, object body) =>
        client.PostAsJsonAsync($"/api/v1/programme/indicators/{Code}/values/from-feed", body, Ct);

    [Fact]
    public async Task A_fed_figure_is_taken_in_as_a_draft_then_submitted_and_approved_as_usual()
    {
        Assert.SkipWhen(provider == DatabaseProvider.Postgres && TestDatabase.PostgresServer is null, TestDatabase.SkipReason);
        await using var app = await YijuApp.Start(provider, services: s => s.AddScoped<IIndicatorFeed, TestFeed>());
        var anonymous = app.CreateClient();
        var (housing, housingName) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var (education, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "jyj");
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);

        // The public sees the fed figures as their own source, without the button.
        var publicPage = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/programme/indicators/{Code}?asOf=2025-12-31", Ct));
        Assert.Contains("data-testid=\"fed-figures\"", publicPage, StringComparison.Ordinal);
        Assert.Contains(TestFeed.Quote2025, publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"take-feed\"", publicPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"take-feed\"", await housing.GetStringAsync($"/programme/indicators/{Code}?asOf=2025-12-31", Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"take-feed\"", await education.GetStringAsync($"/programme/indicators/{Code}?asOf=2025-12-31", Ct), StringComparison.Ordinal);

        var body = new { feed = TestFeed.Name, period = "2025" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await Take(anonymous, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Take(education, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Take(coordinator, body)).StatusCode);
        var unknownFeed = await Take(housing, body with { feed = "nosuch" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownFeed.StatusCode);
        Assert.Contains("nosuch", await unknownFeed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Take(housing, body with { period = "2025Q5" })).StatusCode);
        var noFigure = await Take(housing, body with { period = "2023" });
        Assert.Equal(HttpStatusCode.BadRequest, noFigure.StatusCode);
        Assert.Contains("没有", await noFigure.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await housing.PostAsJsonAsync("/api/v1/programme/indicators/H9.G9.T9.I9/values/from-feed", body, Ct)).StatusCode);
        Assert.Equal(0, app.Db(db => db.ReportedValues.Count(v => v.Source.Document == FeedIntake.SourceDocument(TestFeed.Name))));

        var audited = app.Db(db => db.AuditEntries.Count(a => a.EntityType == "ReportedValue"));
        var draft = await Json(await Take(housing, body), HttpStatusCode.Created);
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        Assert.Equal(TestFeed.Value2025, draft.GetProperty("value").GetDouble());
        var stored = app.Db(db => db.ReportedValues.AsNoTracking().Single(v => v.Id == draft.GetProperty("id").GetGuid()));
        Assert.Equal(FeedIntake.SourceDocument(TestFeed.Name), stored.Source.Document);
        Assert.Equal(TestFeed.Quote2025, stored.Source.Quote);
        Assert.Equal(housingName, stored.EnteredBy);
        Assert.True(app.Db(db => db.AuditEntries.Count(a => a.EntityType == "ReportedValue")) > audited);

        // A second take of the same period is a conflict: the draft is the department's to edit.
        Assert.Equal(HttpStatusCode.Conflict, (await Take(housing, body)).StatusCode);

        // Submitted and approved through the normal path.
        var submitted = await Json(await housing.PostAsJsonAsync($"/api/v1/programme/indicators/{Code}/values",
            new { period = "2025", value = TestFeed.Value2025, version = draft.GetProperty("version").GetInt64(), submit = true }, Ct), HttpStatusCode.OK);
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
        var approved = await Json(await coordinator.PostAsJsonAsync($"/api/v1/programme/values/{submitted.GetProperty("id").GetString()}/review",
            new { approve = true, version = submitted.GetProperty("version").GetInt64() }, Ct), HttpStatusCode.OK);
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        var conflict = await Take(housing, body);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("修订", await conflict.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var indicator = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/programme/indicators/{Code}?asOf=2025-12-31", Ct);
        Assert.Contains(indicator.GetProperty("values").EnumerateArray(), v => v.GetProperty("period").GetString() == "2025"
            && v.GetProperty("source").GetProperty("quote").GetString() == TestFeed.Quote2025);

        // The page's button does the same for 2024; the approved 2025 now says it already has a value.
        var pageUrl = $"/programme/indicators/{Code}?asOf=2025-12-31";
        var page = await housing.GetStringAsync(pageUrl, Ct);
        var token = WebUtility.HtmlDecode(Antiforgery().Match(page).Groups[1].Value);
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["feed"] = TestFeed.Name, ["period"] = "2024", ["districtCode"] = "" };
        var posted = await housing.PostAsync($"/programme/indicators/{Code}?handler=TakeFeed", new FormUrlEncodedContent(fields), Ct);
        var after = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync(Ct));
        Assert.True(posted.IsSuccessStatusCode, $"{(int)posted.StatusCode}: {after[..Math.Min(after.Length, 2000)]}");
        Assert.Contains("已将推送的数字保存为草稿", after, StringComparison.Ordinal);
        Assert.Equal(1, app.Db(db => db.ReportedValues.Count(v => v.Period == PeriodKey.Parse("2024") && v.Source.Quote == TestFeed.Quote2024)));
        var again = await housing.PostAsync($"/programme/indicators/{Code}?handler=TakeFeed", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("草稿", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    private sealed class TestFeed : IIndicatorFeed
    {
        public const string Name = "testfeed";
        public const double Value2025 = 231;
        public const string Quote2025 = "测试台账：2025年开工改造小区231个";
        public const string Quote2024 = "测试台账：2024年开工改造小区198个";

        public string FeedName => Name;

        public IReadOnlyCollection<string> IndicatorCodes => [Code];

        public Task<IReadOnlyList<IndicatorFigure>> GetFiguresAsync(PeriodKey period, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IndicatorFigure>>(period.ToString() switch
            {
                "2025" => [new IndicatorFigure(Code, period, null, Value2025, null, null, Quote2025)],
                "2024" => [new IndicatorFigure(Code, period, null, 198, null, null, Quote2024)],
                _ => [],
            });
    }
}

public sealed class FedFigureOnSqlite() : FedFigureTests(DatabaseProvider.Sqlite);

public sealed class FedFigureOnPostgres() : FedFigureTests(DatabaseProvider.Postgres);
