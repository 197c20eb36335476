using System.Globalization;
using Microsoft.Playwright;
using Yiju.BrowserTests.Infrastructure;
using Yiju.Kernel.Security;
using Yiju.Tests.Pdf;
using static Microsoft.Playwright.Assertions;

namespace Yiju.BrowserTests;

/// <summary>
/// Issue 3's "done when", end to end in the browser: a department enters and submits a quarter's figure, the
/// coordinator approves it, the overview's status changes, and the quarterly PDF (downloaded by the browser) shows it;
/// the shipped Harbin figures appear in the report with their sources. Then the evaluation, 宜居指数 and district pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProgrammeReportTests(BrowserFixture app)
{
    private static ILocator MetCount(IPage page, string home) =>
        page.GetByRole(AriaRole.Link, new() { Name = home }).Locator("li[data-status=Met] b");

    [Fact]
    public async Task A_reported_and_approved_quarter_changes_the_overview_and_appears_in_the_quarterly_pdf()
    {
        var clerk = await app.CreatePerson(Role.DepartmentStaff, "Wjw-Passw0rd-1", departmentCode: "wjw");
        var coordinator = await app.CreatePerson(Role.ProgrammeCoordinator, "Fgw-Passw0rd-1");

        var department = await app.NewPage();
        await app.SignIn(department, clerk, "Wjw-Passw0rd-1");
        await department.GotoAsync("/programme");
        var before = int.Parse(await MetCount(department, "和谐家园").InnerTextAsync(), CultureInfo.InvariantCulture);

        // 每千人拥有执业(助理)医师数: 3.6 by 2026 (市卫健委 leads); no figure shipped.
        await department.GotoAsync("/programme/report");
        await department.GetByRole(AriaRole.Link, new() { Name = "每千人拥有执业(助理)医师数" }).ClickAsync();
        var form = department.GetByTestId("report-form");
        await form.GetByLabel("期间").FillAsync("2026Q3");
        await form.GetByLabel("数值").FillAsync("3.72");
        await form.GetByLabel("数据来源说明").FillAsync("卫健委三季度执业医师注册统计");
        await form.GetByRole(AriaRole.Button, new() { Name = "报送" }).ClickAsync();
        await Expect(department.GetByRole(AriaRole.Status)).ToContainTextAsync("已报送");

        var office = await app.NewPage();
        await app.SignIn(office, coordinator, "Fgw-Passw0rd-1");
        await office.GotoAsync("/programme/review");
        var row = office.GetByTestId("review-queue").Locator("tr", new() { HasText = "每千人拥有执业(助理)医师数" });
        await row.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Expect(office.GetByRole(AriaRole.Status)).ToContainTextAsync("已审核通过");

        await office.GotoAsync("/programme");
        await Expect(MetCount(office, "和谐家园")).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));

        await office.GetByTestId("programme-views").GetByRole(AriaRole.Link, new() { Name = "季度进展报告" }).ClickAsync();
        await office.GetByLabel("季度").FillAsync("2026Q3");
        await office.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Expect(office.Locator("tr[data-indicator='H4.G4.T4.I1']")).ToContainTextAsync("已完成");
        await office.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("programme-quarterly.png") });
        var download = await office.RunAndWaitForDownloadAsync(() => office.GetByTestId("report-pdf").ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        var pdf = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        // The CJK font is embedded as a subset of the glyphs used, not the whole 13 MB face.
        Assert.True(pdf.Length < 2_000_000, $"the downloaded report is {pdf.Length} bytes");
        var text = PdfText.Extract(pdf).Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains("2026年第3季度进展报告", text, StringComparison.Ordinal);
        Assert.Contains("本季度已审核：全市 2026Q3 = 3.72（来源：", text, StringComparison.Ordinal);
        Assert.Contains("卫健委三季度执业医师注册统计", text, StringComparison.Ordinal);

        // The shipped figures with their sources, in the report of the quarter they were published in.
        await office.GotoAsync("/programme/quarterly?quarter=2023Q4&home=H1");
        await Expect(office.Locator("tr[data-indicator='H1.G1.T1.I1']")).ToContainTextAsync("截至10月末,全市共实现城镇新增就业8.07万人");
        var shipped = await office.RunAndWaitForDownloadAsync(() => office.GetByTestId("report-pdf").ClickAsync());
        var harbin = PdfText.Extract(await File.ReadAllBytesAsync(await shipped.PathAsync(), TestContext.Current.CancellationToken)).Replace("\n", "", StringComparison.Ordinal);
        Assert.Contains("截至10月末,全市共实现城镇新增就业8.07万人", harbin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluation_index_and_district_map_show_their_method_and_draw()
    {
        var page = await app.NewPage();
        await page.GotoAsync("/programme/evaluation?quarter=2024Q1");
        await Expect(page.GetByTestId("evaluation-formula")).ToContainTextAsync("得分 =");
        await Expect(page.GetByTestId("scheme-version")).ToContainTextAsync("第1版");
        await Expect(page.GetByTestId("evaluation-table").First.Locator("tbody tr").First).ToBeVisibleAsync();

        await page.GotoAsync("/programme/livability?asOf=2023-12-31");
        await Expect(page.GetByTestId("livability-method")).ToContainTextAsync("min(完成度, 1) × 100");
        await Expect(page.Locator("#livability-chart canvas")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("programme-livability.png"), FullPage = true });

        await page.GotoAsync("/programme/districts");
        await Expect(page.Locator("#district-map")).ToHaveAttributeAsync("data-loaded", "18");
        await Expect(page.GetByTestId("district-table")).ToContainTextAsync("道里区");
    }
}
