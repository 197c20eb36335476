using Microsoft.Playwright;
using Yiju.BrowserTests.Infrastructure;
using Yiju.Kernel.Security;
using Yiju.Programme.Features.Export;
using static Microsoft.Playwright.Assertions;

namespace Yiju.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ProgrammeImportTests(BrowserFixture app)
{
    private static FilePayload Workbook(string name, params object?[][] rows) => new()
    {
        Name = name,
        MimeType = TableExport.XlsxContentType,
        Buffer = TableExport.ToXlsx(new ExportTable("数据", ["指标代码", "期间", "区县代码", "数值", "说明", "来源说明"],
            rows.Select(r => (IReadOnlyList<object?>)r).ToList())
        { TextColumns = new HashSet<int> { 0, 1, 2 } }),
    };

    [Fact]
    public async Task A_department_uploads_a_workbook_with_a_bad_row_sees_the_row_errors_fixes_it_and_imports()
    {
        const string password = "Zjj-Import-Passw0rd-1";
        var clerk = await app.CreatePerson(Role.DepartmentStaff, password, departmentCode: "zjj");
        var page = await app.NewPage();
        await app.SignIn(page, clerk, password);
        await page.GotoAsync("/programme/report");
        await page.GetByTestId("import-link").ClickAsync();
        await Expect(page.GetByTestId("import-layout")).ToContainTextAsync("指标代码");

        var form = page.GetByTestId("import-form");
        await form.GetByLabel("文件").SetInputFilesAsync(Workbook("保障房.xlsx",
            ["H4.G1.T2.I1", "2026Q1", null, 1200, null, "筹集台账"],
            ["H4.G1.T2.I3", "2026Q1", null, -5, null, null]));
        await form.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        var errors = page.GetByTestId("import-errors");
        await Expect(errors).ToContainTextAsync("未导入任何数值");
        await Expect(errors.Locator("tr[data-row='row 3']")).ToContainTextAsync("第 3 行");
        await Expect(errors.Locator("tr[data-row='row 3']")).ToContainTextAsync("不能为负数");
        await Expect(errors.Locator("tr[data-row='row 2']")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("programme-import-errors.png"), FullPage = true });

        await page.GetByTestId("import-form").GetByLabel("文件").SetInputFilesAsync(Workbook("保障房.xlsx",
            ["H4.G1.T2.I1", "2026Q1", null, 1200, null, "筹集台账"],
            ["H4.G1.T2.I3", "2026Q1", null, 5, null, null]));
        await page.GetByTestId("import-form").GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Expect(page.GetByTestId("import-done")).ToContainTextAsync("新增 2 个数值");

        await page.GotoAsync("/programme/indicators/H4.G1.T2.I1");
        await Expect(page.GetByTestId("pending")).ToContainTextAsync("2026Q1");
        await Expect(page.GetByTestId("pending")).ToContainTextAsync("已报送待审核");
    }
}
