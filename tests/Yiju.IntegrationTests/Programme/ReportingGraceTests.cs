using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Data;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;

namespace Yiju.IntegrationTests.Programme;

/// <summary>
/// One grace period for reports: the published evaluation scheme's. The overdue flags and the evaluation's on-time count
/// both move when a coordinator publishes a new one, and the old configuration key is refused rather than ignored.
/// The app runs at a fixed time (10 February 2026 in Harbin) so that the 2025 yearly reports are overdue with 10 working
/// days of grace (due mid-January) and not yet due with 40 (due in March, after the Spring Festival).
/// </summary>
public abstract class ReportingGraceTests(DatabaseProvider provider)
{
    private static readonly DateTimeOffset Now = new(2026, 2, 10, 10, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The periods flagged overdue on an indicator's page ("" when none).</summary>
    private static async Task<string> OverdueOn(HttpClient client, string code)
    {
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/programme/indicators/{code}", Ct));
        var at = html.IndexOf("data-testid=\"overdue\"", StringComparison.Ordinal);
        if (at < 0)
            return "";
        var flags = html[at..];
        return flags[..flags.IndexOf("</p>", StringComparison.Ordinal)];
    }

    private static int ReportsDue(JsonElement ranking) =>
        ranking.GetProperty("departments").EnumerateArray().Sum(d => d.GetProperty("reportsDue").GetInt32());

    [Fact]
    public async Task Overdue_flags_and_on_time_reporting_use_the_published_grace_period()
    {
        Assert.SkipWhen(provider == DatabaseProvider.Postgres && TestDatabase.PostgresServer is null, TestDatabase.SkipReason);
        await using var app = await YijuApp.Start(provider, services: s => s.AddSingleton<TimeProvider>(new FixedClock(Now)));
        var anonymous = app.CreateClient();
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);

        async Task<int> Publish(int grace)
        {
            var schemes = await Json(await anonymous.GetAsync("/api/v1/programme/evaluation/schemes", Ct));
            var latest = schemes.EnumerateArray().Max(s => s.GetProperty("version").GetInt32());
            var body = new { targetCompletionWeight = 0.5, onTimeReportingWeight = 0.3, dataQualityWeight = 0.2, reportingFrom = "2025-01-01", graceWorkingDays = grace, basedOnVersion = latest };
            return (await Json(await coordinator.PostAsJsonAsync("/api/v1/programme/evaluation/schemes", body, Ct))).GetProperty("version").GetInt32();
        }

        var short10 = await Publish(10);
        Assert.Contains("2025", await OverdueOn(anonymous, "H1.G1.T1.I1"), StringComparison.Ordinal);
        var withShort = await Json(await anonymous.GetAsync("/api/v1/programme/evaluation?quarter=2026Q1", Ct));
        Assert.Equal(10, withShort.GetProperty("scheme").GetProperty("graceWorkingDays").GetInt32());
        Assert.True(ReportsDue(withShort) > 0, "the 2025 yearly reports fell due in January");

        var long40 = await Publish(40);
        Assert.DoesNotContain("2025", await OverdueOn(anonymous, "H1.G1.T1.I1"), StringComparison.Ordinal);
        var withLong = await Json(await anonymous.GetAsync("/api/v1/programme/evaluation?quarter=2026Q1", Ct));
        Assert.Equal(long40, withLong.GetProperty("scheme").GetProperty("version").GetInt32());
        Assert.Contains("40个工作日", withLong.GetProperty("scheme").GetProperty("formula").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, ReportsDue(withLong));

        // An older version is still computed with its own grace period, so its ranking is reproducible.
        var again = await Json(await anonymous.GetAsync($"/api/v1/programme/evaluation?quarter=2026Q1&version={short10}", Ct));
        Assert.Equal(ReportsDue(withShort), ReportsDue(again));

        // The indicator page states where the grace period comes from.
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/programme/indicators/H1.G1.T1.I1", Ct));
        Assert.Contains("40", page[page.IndexOf("data-testid=\"grace\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_old_grace_period_setting_is_refused_at_start()
    {
        Assert.SkipWhen(provider == DatabaseProvider.Postgres && TestDatabase.PostgresServer is null, TestDatabase.SkipReason);
        var settings = new Dictionary<string, string> { ["Programme:Reporting:GraceWorkingDays"] = "15" };
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await YijuApp.Start(provider, settings);
        });
        Assert.Contains("GraceWorkingDays", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at.ToUniversalTime();
    }
}

public sealed class ReportingGraceOnSqlite() : ReportingGraceTests(DatabaseProvider.Sqlite);

public sealed class ReportingGraceOnPostgres() : ReportingGraceTests(DatabaseProvider.Postgres);
