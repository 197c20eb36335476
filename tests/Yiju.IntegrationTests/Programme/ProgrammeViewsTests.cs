using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;
using Yiju.Tests.Pdf;

namespace Yiju.IntegrationTests.Programme;

/// <summary>
/// Evaluation weights and the 宜居指数 are published in versions (never overwritten, audited, coordinators only) and
/// every score can be recomputed from what the API shows; the quarterly report (page, PDF, .xlsx) shows approved
/// figures with their sources and nothing still in review.
/// </summary>
public abstract class ProgrammeViewsTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Weights_are_published_as_new_versions_by_coordinators_only_and_rankings_name_their_version()
    {
        var app = fixture.Require();
        var anonymous = app.CreateClient();
        var (coordinator, coordinatorName) = await app.ClientFor(Role.ProgrammeCoordinator);
        var (housing, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");

        var before = await Json(await anonymous.GetAsync("/api/v1/programme/evaluation/schemes", Ct));
        var v1 = before.EnumerateArray().Single(s => s.GetProperty("version").GetInt32() == 1);
        Assert.Equal(0.5, v1.GetProperty("targetCompletionWeight").GetDouble());
        var latest = before.EnumerateArray().Max(s => s.GetProperty("version").GetInt32());

        var body = new { name = "市发改委2026年考核办法", targetCompletionWeight = 0.6, onTimeReportingWeight = 0.25, dataQualityWeight = 0.15, reportingFrom = "2023-01-01", graceWorkingDays = 15, basedOnVersion = latest };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/programme/evaluation/schemes", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await housing.PostAsJsonAsync("/api/v1/programme/evaluation/schemes", body, Ct)).StatusCode);
        var bad = await coordinator.PostAsJsonAsync("/api/v1/programme/evaluation/schemes", body with { dataQualityWeight = 0.3 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("合计为1", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var auditedBefore = app.Db(db => db.AuditEntries.Count(a => a.EntityType == "EvaluationScheme"));
        var published = await Json(await coordinator.PostAsJsonAsync("/api/v1/programme/evaluation/schemes", body, Ct));
        Assert.Equal(latest + 1, published.GetProperty("version").GetInt32());
        Assert.Equal(coordinatorName, published.GetProperty("publishedBy").GetString());
        // Someone who read the old version and publishes now gets a conflict, not a silent second version.
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsJsonAsync("/api/v1/programme/evaluation/schemes", body, Ct)).StatusCode);

        var after = await Json(await anonymous.GetAsync("/api/v1/programme/evaluation/schemes", Ct));
        Assert.Equal(before.GetArrayLength() + 1, after.GetArrayLength());
        var v1After = after.EnumerateArray().Single(s => s.GetProperty("version").GetInt32() == 1);
        Assert.Equal(v1.GetRawText(), v1After.GetRawText());

        var ranking = await Json(await anonymous.GetAsync("/api/v1/programme/evaluation?quarter=2024Q1", Ct));
        Assert.Equal(latest + 1, ranking.GetProperty("scheme").GetProperty("version").GetInt32());
        var old = await Json(await anonymous.GetAsync("/api/v1/programme/evaluation?quarter=2024Q1&version=1", Ct));
        Assert.Equal(1, old.GetProperty("scheme").GetProperty("version").GetInt32());
        Assert.Contains("0.5×目标完成度", old.GetProperty("scheme").GetProperty("formula").GetString(), StringComparison.Ordinal);

        Assert.Equal(auditedBefore + 1, app.Db(db => db.AuditEntries.Count(a => a.EntityType == "EvaluationScheme")));

        var page = await anonymous.GetAsync("/programme/evaluation?quarter=2024Q1", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
        Assert.Contains($"采用第{latest + 1}版", html, StringComparison.Ordinal);
        Assert.Contains("0.6×目标完成度", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/programme/evaluation?quarter=2024Q5", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/programme/evaluation?version=99", Ct)).StatusCode);
    }

    [Fact]
    public async Task Every_score_can_be_recomputed_from_its_published_inputs()
    {
        var app = fixture.Require();
        var ranking = await Json(await app.CreateClient().GetAsync("/api/v1/programme/evaluation?quarter=2023Q4&version=1", Ct));
        var scheme = ranking.GetProperty("scheme");
        var (wc, wt, wq) = (scheme.GetProperty("targetCompletionWeight").GetDouble(), scheme.GetProperty("onTimeReportingWeight").GetDouble(),
            scheme.GetProperty("dataQualityWeight").GetDouble());
        var rows = ranking.GetProperty("departments").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.Contains(rows, r => r.GetProperty("shares").GetArrayLength() > 0);
        foreach (var r in rows)
        {
            var shares = r.GetProperty("shares").EnumerateArray().Select(s => Math.Clamp(s.GetDouble(), 0, 1)).ToList();
            var c = shares.Count == 0 ? 0 : shares.Average() * 100;
            var due = r.GetProperty("reportsDue").GetInt32();
            var t = due == 0 ? 100 : 100.0 * r.GetProperty("reportsOnTime").GetInt32() / due;
            var submissions = r.GetProperty("submissions").GetInt32();
            var q = submissions == 0 ? 100 : 100 * (1 - ((double)r.GetProperty("returns").GetInt32() / submissions));
            Assert.Equal(Math.Round((wc * c) + (wt * t) + (wq * q), 2), r.GetProperty("score").GetDouble(), 6);
            Assert.Equal(Math.Round(c, 2), r.GetProperty("targetCompletion").GetDouble(), 6);
        }

        var scores = rows.Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Equal(1, rows[0].GetProperty("rank").GetInt32());
    }

    [Fact]
    public async Task The_livability_index_is_computed_from_its_published_definition_and_versioned()
    {
        var app = fixture.Require();
        var anonymous = app.CreateClient();
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        var (housing, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");

        // The default (version 1) scores indicators against their 2026 targets; 2023 has published figures.
        var defaults = await Json(await anonymous.GetAsync("/api/v1/programme/livability?version=1&asOf=2023-12-31", Ct));
        var city2023 = defaults.GetProperty("city").EnumerateArray().Single(v => v.GetProperty("period").GetString() == "2023");
        var parts = city2023.GetProperty("components").EnumerateArray().ToList();
        Assert.NotEmpty(parts);
        var expected = parts.Sum(p => p.GetProperty("weight").GetDouble() * p.GetProperty("score").GetDouble()) / parts.Sum(p => p.GetProperty("weight").GetDouble());
        Assert.Equal(Math.Round(expected, 2), city2023.GetProperty("index").GetDouble(), 6);
        Assert.InRange(city2023.GetProperty("coverage").GetDouble(), 0.000001, 1);

        var definitions = await Json(await anonymous.GetAsync("/api/v1/programme/livability/definitions", Ct));
        var latest = definitions.EnumerateArray().Max(d => d.GetProperty("version").GetInt32());
        // 城镇新增就业 8.07万人 (2023) on 0–10 → 80.7; 免费停车时长 30 分钟 (2023) on 0–60 → 50.
        var body = new
        {
            name = "宜居指数（测试）",
            basedOnVersion = latest,
            components = new object[]
            {
                new { indicatorCode = "h1.g1.t1.i1", weight = 0.5, normalisation = "minmax", min = 0.0, max = 10.0 },
                new { indicatorCode = "H2.G1.T7.I5", weight = 0.5, normalisation = "minmax", min = 0.0, max = 60.0 },
            },
        };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/programme/livability/definitions", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await housing.PostAsJsonAsync("/api/v1/programme/livability/definitions", body, Ct)).StatusCode);
        var wrongSum = await coordinator.PostAsJsonAsync("/api/v1/programme/livability/definitions", body with
        {
            components = [new { indicatorCode = "H1.G1.T1.I1", weight = 0.7, normalisation = "minmax", min = 0.0, max = 10.0 }],
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongSum.StatusCode);
        var unknown = await coordinator.PostAsJsonAsync("/api/v1/programme/livability/definitions", body with
        {
            components = [new { indicatorCode = "NO.SUCH", weight = 1.0, normalisation = "minmax", min = 0.0, max = 10.0 }],
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("NO.SUCH", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var countBefore = app.Db(db => db.LivabilityIndexDefinitions.Count());

        var published = await Json(await coordinator.PostAsJsonAsync("/api/v1/programme/livability/definitions", body, Ct));
        var version = published.GetProperty("version").GetInt32();
        Assert.Equal(latest + 1, version);
        Assert.Equal(countBefore + 1, app.Db(db => db.LivabilityIndexDefinitions.Count()));
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsJsonAsync("/api/v1/programme/livability/definitions", body, Ct)).StatusCode);
        Assert.True(app.Db(db => db.AuditEntries.Any(a => a.EntityType == "LivabilityIndexDefinition")));

        var index = await Json(await anonymous.GetAsync($"/api/v1/programme/livability?version={version}&asOf=2023-12-31", Ct));
        Assert.Equal(version, index.GetProperty("definition").GetProperty("version").GetInt32());
        var y2023 = index.GetProperty("city").EnumerateArray().Single(v => v.GetProperty("period").GetString() == "2023");
        Assert.Equal(65.35, y2023.GetProperty("index").GetDouble(), 6);
        Assert.Equal(1, y2023.GetProperty("coverage").GetDouble(), 6);
        // Version 1 still gives what it gave.
        var again = await Json(await anonymous.GetAsync("/api/v1/programme/livability?version=1&asOf=2023-12-31", Ct));
        Assert.Equal(city2023.GetRawText(), again.GetProperty("city").EnumerateArray().Single(v => v.GetProperty("period").GetString() == "2023").GetRawText());

        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/programme/livability?version={version}&asOf=2023-12-31", Ct));
        Assert.Contains($"采用第{version}版", page, StringComparison.Ordinal);
        Assert.Contains("id=\"livability-chart\"", page, StringComparison.Ordinal);
        Assert.Contains("65.35", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quarterly_report_shows_approved_figures_with_sources_and_nothing_in_review()
    {
        var app = fixture.Require();
        var anonymous = app.CreateClient();
        var (housing, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);

        // 老旧小区改造项目 (led by 市住建局, no published actual): a 2023 figure, submitted but not yet approved.
        var submitted = await Json(await housing.PostAsJsonAsync("/api/v1/programme/indicators/H4.G1.T1.I2/values",
            new { period = "2023", value = 231, source = "住建局季度台账", submit = true }, Ct));
        var pdf = await anonymous.GetAsync("/api/v1/programme/reports/quarterly?quarter=2023Q4", Ct);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        // Lines wrap wherever the width ends, so the checks read the text without line breaks.
        var bytes = await pdf.Content.ReadAsByteArrayAsync(Ct);
        // The CJK font is embedded as a subset of the glyphs used (the whole Noto Sans CJK face made it ~13 MB).
        Assert.True(bytes.Length < 2_000_000, $"the whole-programme report PDF is {bytes.Length} bytes");
        TestContext.Current.SendDiagnosticMessage($"quarterly report PDF: {bytes.Length} bytes");
        var text = PdfText.Extract(bytes).Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains("2023年第4季度进展报告", text, StringComparison.Ordinal);
        Assert.Contains("城镇新增就业", text, StringComparison.Ordinal);
        Assert.Contains("8.07", text, StringComparison.Ordinal);
        Assert.Contains("截至10月末", text, StringComparison.Ordinal);
        Assert.DoesNotContain("全市 2023 = 231", text, StringComparison.Ordinal);
        Assert.DoesNotContain("住建局季度台账", text, StringComparison.Ordinal);

        await Json(await coordinator.PostAsJsonAsync($"/api/v1/programme/values/{submitted.GetProperty("id").GetString()}/review",
            new { approve = true, version = submitted.GetProperty("version").GetInt64() }, Ct));
        var home = PdfText.Extract(await anonymous.GetByteArrayAsync("/programme/quarterly?handler=Pdf&quarter=2023Q4&home=H4", Ct)).Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains("和谐家园", home, StringComparison.Ordinal);
        Assert.DoesNotContain("富足家园", home, StringComparison.Ordinal);
        Assert.Contains("本季度已审核：全市 2023 = 231", home, StringComparison.Ordinal);
        Assert.Contains("住建局季度台账", home, StringComparison.Ordinal);

        var xlsx = await anonymous.GetByteArrayAsync("/api/v1/programme/reports/quarterly?quarter=2023Q4&home=H4&format=xlsx", Ct);
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var cells = workbook.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>())
                .Select(c => c.InnerText).ToList();
            Assert.Contains("231", cells);
            Assert.Contains("H4.G1.T1.I2", cells);
        }

        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/programme/quarterly?quarter=2023Q4", Ct));
        Assert.Contains("本季度已审核：全市 2023 = 231", page, StringComparison.Ordinal);
        Assert.Contains("programme-report.css", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/programme/reports/quarterly?quarter=2023-10", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/programme/reports/quarterly?quarter=2099Q1", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/programme/reports/quarterly?quarter=2023Q4&format=doc", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/programme/reports/quarterly?quarter=2023Q4&home=H9", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/programme/quarterly?quarter=nonsense", Ct)).StatusCode);
    }

    [Fact]
    public async Task District_comparison_feeds_and_publishing_forms_follow_the_roles()
    {
        var app = fixture.Require();
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var districts = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/programme/districts?indicator=H4.G3.T2.I1", Ct));
        Assert.Contains("每个区、县(市)老年大学数", districts, StringComparison.Ordinal);
        Assert.Contains("data-districts=\"/api/v1/organisation/boundaries/district\"", districts, StringComparison.Ordinal);
        Assert.Contains("道里区", districts, StringComparison.Ordinal);

        var feeds = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/programme/feeds?period=2023", Ct));
        Assert.Contains("housing", feeds, StringComparison.Ordinal);
        Assert.Contains("places", feeds, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/programme/feeds?period=soon", Ct)).StatusCode);

        var evaluation = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/programme/evaluation", Ct));
        Assert.DoesNotContain("data-testid=\"publish-weights\"", evaluation, StringComparison.Ordinal);
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        Assert.Contains("data-testid=\"publish-weights\"", await coordinator.GetStringAsync("/programme/evaluation", Ct), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"publish-index\"", await coordinator.GetStringAsync("/programme/livability", Ct), StringComparison.Ordinal);
    }
}

public sealed class ProgrammeViewsOnSqlite(SqliteFixture fixture) : ProgrammeViewsTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ProgrammeViewsOnPostgres(PostgresFixture fixture) : ProgrammeViewsTests(fixture), IClassFixture<PostgresFixture>;
