using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Export;
using Yiju.Programme.Features.Import;

namespace Yiju.IntegrationTests.Programme;

/// <summary>
/// The programme's data handling through the host: bulk import all or nothing, exports as the pages show them,
/// evidence files, district staff and their limits. Each test uses its own indicators or periods.
/// </summary>
public abstract class ProgrammeDataTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Headers = ["指标代码", "期间", "区县代码", "数值", "分子", "分母", "说明", "来源说明"];

    private static byte[] Xlsx(params object?[][] rows) =>
        TableExport.ToXlsx(new ExportTable("数据", Headers, rows.Select(r => (IReadOnlyList<object?>)r).ToList()) { TextColumns = new HashSet<int> { 0, 1, 2 } });

    private static Task<HttpResponseMessage> Import(HttpClient client, byte[] content, string fileName, bool submit = true)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(submit ? "true" : "false"), "submit");
        return client.PostAsync("/api/v1/programme/imports", form, Ct);
    }

    private static Task<HttpResponseMessage> Attach(HttpClient client, string valueId, byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        return client.PostAsync($"/api/v1/programme/values/{valueId}/evidence", form, Ct);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Values entered in Yiju for an indicator (the seed's published figures are not counted).</summary>
    private int ValuesOf(string code) => fixture.Require().Db(db =>
        db.ReportedValues.Count(v => v.ReviewedBy == null && db.Indicators.Any(i => i.Id == v.IndicatorId && i.Code == code)));

    [Fact]
    public async Task One_bad_row_imports_nothing_and_every_bad_row_is_listed_then_the_fixed_file_imports()
    {
        var app = fixture.Require();
        var (housing, userName) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var bad = Xlsx(
            ["H2.G1.T4.I4", "2025", null, 120.5, null, null, null, "排水台账"],
            ["H2.G1.T4.I5", "2025", null, -2, null, null, null, null],            // row 3: a count below zero
            ["H2.G1.T4.I6", "2025-07", null, 1, null, null, null, null],          // row 4: fine (monthly report of a yearly indicator)
            ["H4.G2.T6.I1", "2025", null, 3, null, null, null, null],             // row 5: another department's indicator
            ["H2.G1.T4.I7", "2031", null, 1, null, null, null, null],             // row 6: outside the programme
            ["H2.G1.T4.I8", "2025", "230102", 1, null, null, null, null]);        // row 7: not broken down by district
        var refused = await Import(housing, bad, "路桥.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["row 3", "row 5", "row 6", "row 7"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("市教育局", problem.GetProperty("errors").GetProperty("row 5")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, ValuesOf("H2.G1.T4.I4"));
        Assert.Equal(0, ValuesOf("H2.G1.T4.I6"));
        Assert.Equal(0, app.Db(db => db.ValueImports.Count(i => i.ImportedBy == userName)));

        var good = Xlsx(
            ["H2.G1.T4.I4", "2025", null, 120.5, null, null, null, "排水台账"],
            ["H2.G1.T4.I5", "2025", null, 2, null, null, null, null],
            ["H2.G1.T4.I6", "2025-07", null, 1, null, null, null, null]);
        var imported = await Json(await Import(housing, good, "路桥.xlsx"));
        Assert.Equal(3, imported.GetProperty("created").GetInt32());
        Assert.True(imported.GetProperty("submitted").GetBoolean());
        var stored = app.Db(db => db.ReportedValues.Where(v => v.ImportId != null && v.EnteredBy == userName).Select(v => new { v.Status, v.EnteredBy, v.Value, Document = v.Source.Document, Quote = v.Source.Quote }).ToList());
        Assert.Equal(3, stored.Count);
        Assert.All(stored, v => Assert.Equal(ValueStatus.Submitted, v.Status));
        Assert.All(stored, v => Assert.Equal(userName, v.EnteredBy));
        Assert.Contains(stored, v => v.Value == 120.5 && v.Quote == "排水台账" && v.Document.Contains("第2行", StringComparison.Ordinal));
        Assert.True(app.Db(db => db.AuditEntries.Any(a => a.EntityType == nameof(ValueImport) && a.Action == "create")));

        // The imported submissions reach the coordinators' queue like single entries.
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        var queue = await coordinator.GetStringAsync("/programme/review", Ct);
        Assert.Contains("新建改造排水管线", WebUtility.HtmlDecode(queue), StringComparison.Ordinal);

        // The same file again: those periods are now submitted, so every row is refused and nothing changes.
        var again = await Import(housing, good, "路桥.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(1, ValuesOf("H2.G1.T4.I4"));
    }

    [Fact]
    public async Task Csv_imports_drafts_a_later_file_replaces_them_and_the_template_lists_the_departments_indicators()
    {
        var app = fixture.Require();
        var (housing, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var csv = Encoding.UTF8.GetBytes("indicator_code,period,value,explanation\nH2.G1.T4.I9,2026Q1,12,一季度\nH2.G1.T4.I9,2026Q2,13,二季度\n");
        var first = await Json(await Import(housing, csv, "燃气.csv", submit: false));
        Assert.Equal(2, first.GetProperty("created").GetInt32());
        var second = await Json(await Import(housing, Encoding.UTF8.GetBytes("指标代码,期间,数值\nH2.G1.T4.I9,2026Q1,14\n"), "燃气.csv", submit: true));
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(1, second.GetProperty("replaced").GetInt32());
        var lines = app.Db(db => db.ReportedValues.Where(v => db.Indicators.Any(i => i.Id == v.IndicatorId && i.Code == "H2.G1.T4.I9"))
            .Select(v => new { Period = v.Period.ToString(), v.Value, v.Status }).ToList());
        Assert.Contains(lines, l => l.Period == "2026Q1" && l.Value == 14 && l.Status == ValueStatus.Submitted);
        Assert.Contains(lines, l => l.Period == "2026Q2" && l.Value == 13 && l.Status == ValueStatus.Draft);

        var template = await housing.GetAsync("/programme/import?handler=Template&format=xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var rows = ImportFileReader.ReadXlsx(await template.Content.ReadAsByteArrayAsync(Ct));
        Assert.Empty(rows.Errors);
        Assert.Contains(rows.Rows, r => r.IndicatorCode == "H4.G1.T1.I2");
        Assert.DoesNotContain(rows.Rows, r => r.IndicatorCode == "H4.G2.T6.I1");
        Assert.All(rows.Rows, r => Assert.True(r.IsBlank));

        Assert.Equal(HttpStatusCode.Forbidden, (await Import((await app.ClientFor(Role.ProgrammeCoordinator)).Client, csv, "x.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Import(housing, csv, "x.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Import(app.CreateClient(), csv, "x.csv")).StatusCode);
    }

    [Fact]
    public async Task Exports_carry_what_the_page_shows_to_that_person()
    {
        var app = fixture.Require();
        var anonymous = app.CreateClient();
        var csv = await anonymous.GetAsync("/programme?handler=Export&format=csv&asOf=2023-12-31", Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var bytes = await csv.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("家园,任务代码,任务,牵头单位,指标代码,指标", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + 138, lines.Length);
        Assert.Contains(lines, l => l.Contains("城镇新增就业", StringComparison.Ordinal) && l.Contains("按序时推进", StringComparison.Ordinal));

        var departments = await anonymous.GetAsync("/programme/departments?handler=Export&format=xlsx&asOf=2023-12-31", Ct);
        Assert.Equal(TableExport.XlsxContentType, departments.Content.Headers.ContentType?.MediaType);
        var sheet = ImportFileReader.ReadXlsx(await departments.Content.ReadAsByteArrayAsync(Ct));
        Assert.NotEmpty(sheet.Errors); // not an import layout: the reader names the unknown headers, proving the workbook opens
        Assert.Contains(sheet.Errors, e => e.Column == "部门");

        // Work in progress is in the export only for those who see it on the page.
        var (housing, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var draft = await Json(await housing.PostAsJsonAsync("/api/v1/programme/indicators/H2.G1.T6.I1/values", new { period = "2026", value = 321, explanation = "草稿" }, Ct));
        var publicValues = await anonymous.GetStringAsync("/programme/indicators/H2.G1.T6.I1?handler=Export&format=csv", Ct);
        Assert.DoesNotContain("321", publicValues, StringComparison.Ordinal);
        var staffValues = await housing.GetStringAsync("/programme/indicators/H2.G1.T6.I1?handler=Export&format=csv", Ct);
        Assert.Contains("321", staffValues, StringComparison.Ordinal);
        Assert.Contains(draft.GetProperty("period").GetString()!, staffValues, StringComparison.Ordinal);

        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/programme/review?handler=Export&format=xlsx", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await housing.GetAsync("/programme/review?handler=Export&format=xlsx", Ct)).StatusCode);
        var report = await housing.GetAsync("/programme/report?handler=Export&format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("H2.G1.T6.I1", await report.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/programme?handler=Export&format=pdf", Ct)).StatusCode);
    }

    [Fact]
    public async Task Evidence_is_checked_by_type_size_and_content_and_downloaded_only_by_those_who_see_the_value()
    {
        var app = fixture.Require();
        var (housing, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var (education, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "jyj");
        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        var draft = await Json(await housing.PostAsJsonAsync("/api/v1/programme/indicators/H4.G1.T2.I4/values", new { period = "2026", value = 800 }, Ct));
        var id = draft.GetProperty("id").GetString()!;
        byte[] pdf = [.. "%PDF-1.4\n"u8.ToArray(), .. Encoding.ASCII.GetBytes("摇号配租公示")];

        var uploaded = await Attach(housing, id, pdf, "配租公示.pdf");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var evidenceId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, (await Attach(housing, id, [(byte)'M', (byte)'Z', 0x90, 0, 3], "配租公示.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Attach(housing, id, [(byte)'M', (byte)'Z', 0x90, 0, 3], "tool.exe")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Attach(housing, id, [.. pdf, .. new byte[ValueEvidence.MaxSizeBytes]], "大.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Attach(education, id, pdf, "x.pdf")).StatusCode);

        var download = await housing.GetAsync($"/api/v1/programme/values/{id}/evidence/{evidenceId}", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/programme/values/{id}/evidence/{evidenceId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await education.GetAsync($"/api/v1/programme/values/{id}/evidence/{evidenceId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/programme/values/{id}/evidence/{evidenceId}", Ct)).StatusCode);
        var listed = await Json(await housing.GetAsync($"/api/v1/programme/values/{id}/evidence", Ct));
        Assert.Equal(1, listed.GetArrayLength());
        Assert.Equal(64, listed[0].GetProperty("sha256Hex").GetString()!.Length);

        // Once submitted, the evidence is what the reviewer judges: no more files.
        await Json(await housing.PostAsJsonAsync("/api/v1/programme/indicators/H4.G1.T2.I4/values",
            new { period = "2026", value = 800, version = draft.GetProperty("version").GetInt64(), submit = true }, Ct));
        Assert.Equal(HttpStatusCode.Conflict, (await Attach(housing, id, pdf, "again.pdf")).StatusCode);
        var page = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/programme/indicators/H4.G1.T2.I4", Ct));
        Assert.Contains("配租公示.pdf", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task District_staff_report_their_own_district_only()
    {
        var app = fixture.Require();
        var (daoli, _) = await app.ClientFor(Role.DistrictStaff, unitCode: "230102");
        var ok = await Json(await daoli.PostAsJsonAsync("/api/v1/programme/indicators/H4.G2.T5.I2/values", new { period = "2025", districtCode = "230102", value = 1, submit = true }, Ct));
        Assert.Equal("Submitted", ok.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await daoli.PostAsJsonAsync("/api/v1/programme/indicators/H4.G2.T5.I2/values", new { period = "2025", districtCode = "230103", value = 1 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await daoli.PostAsJsonAsync("/api/v1/programme/indicators/H4.G2.T5.I2/values", new { period = "2025", value = 1 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await daoli.PostAsJsonAsync("/api/v1/programme/indicators/H2.G1.T4.I1/values", new { period = "2025", value = 1 }, Ct)).StatusCode);

        var import = await Import(daoli, Encoding.UTF8.GetBytes("指标代码,期间,区县代码,数值\nH4.G2.T5.I2,2024,230102,1\nH4.G2.T5.I2,2024,230103,1\n"), "区县.csv");
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
        var problem = await import.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["row 3"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));

        var reportPage = await daoli.GetAsync("/programme/report", Ct);
        Assert.Equal(HttpStatusCode.OK, reportPage.StatusCode);
        Assert.Contains("H4.G2.T5.I2", await reportPage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overdue_reports_are_flagged_and_search_finds_the_programme()
    {
        var app = fixture.Require();
        var anonymous = app.CreateClient();
        var task = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/programme/tasks/H4.G1.T1", Ct));
        Assert.Contains("data-testid=\"overdue\"", task, StringComparison.Ordinal);
        var indicator = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/programme/indicators/H1.G1.T1.I1", Ct));
        Assert.Contains("data-testid=\"overdue\"", indicator, StringComparison.Ordinal);
        // 2023 has a published figure: published figures count as reported.
        var flags = indicator[indicator.IndexOf("data-testid=\"overdue\"", StringComparison.Ordinal)..];
        flags = flags[..flags.IndexOf("</p>", StringComparison.Ordinal)];
        Assert.Contains("2022", flags, StringComparison.Ordinal);
        Assert.DoesNotContain("2023", flags, StringComparison.Ordinal);

        var search = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/programme/search?q=" + Uri.EscapeDataString("老旧小区"), Ct));
        Assert.Contains("/programme/tasks/H4.G1.T1", search, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"programme-search\"", search, StringComparison.Ordinal);
        var api = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/programme/search?q=h4.g1.t1.i2", Ct);
        Assert.Contains(api.EnumerateArray(), h => h.GetProperty("code").GetString() == "H4.G1.T1.I2");
    }
}

public sealed class ProgrammeDataOnSqlite(SqliteFixture fixture) : ProgrammeDataTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ProgrammeDataOnPostgres(PostgresFixture fixture) : ProgrammeDataTests(fixture), IClassFixture<PostgresFixture>;
