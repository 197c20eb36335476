using Microsoft.Playwright;
using Yiju.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Yiju.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ProgrammePagesTests(BrowserFixture app)
{
    private static async Task CreatePerson(IPage admin, string user, string password, string role, string? department)
    {
        await admin.GotoAsync("/organisation/people/edit");
        await admin.GetByLabel("用户名").FillAsync(user);
        await admin.GetByLabel("姓名").FillAsync(user);
        await admin.GetByLabel("新密码").FillAsync(password);
        await admin.GetByLabel("角色").First.SelectOptionAsync(role);
        if (department is not null)
            await admin.GetByLabel("范围部门").First.SelectOptionAsync(new SelectOptionValue { Label = department });
        await admin.GetByRole(AriaRole.Button, new() { Name = "修改" }).ClickAsync();
        await Expect(admin.GetByTestId("people")).ToContainTextAsync(user);
    }

    private static ILocator MetCount(IPage page, string home) =>
        page.GetByRole(AriaRole.Link, new() { Name = home }).Locator("li[data-status=Met] b");

    [Fact]
    public async Task A_resident_drills_down_to_an_indicator_with_its_source_its_note_and_a_trend_chart()
    {
        var page = await app.NewPage();
        await page.GotoAsync("/programme?asOf=2023-12-31");
        await Expect(page.GetByTestId("homes").GetByRole(AriaRole.Link)).ToHaveCountAsync(6);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("programme-overview.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "富足家园" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "保障高校毕业生、农民工、退役军人等重点群体充分就业" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "城镇新增就业" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("城镇新增就业");
        await Expect(page.GetByTestId("values")).ToContainTextAsync("截至10月末,全市共实现城镇新增就业8.07万人");
        await Expect(page.GetByTestId("values").GetByTestId("note")).ToContainTextAsync("10月末的序时进度");
        await Expect(page.GetByTestId("progress")).ToContainTextAsync("符合序时进度");
        await Expect(page.Locator("#indicator-chart canvas")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("programme-indicator.png"), FullPage = true });
    }

    [Fact]
    public async Task A_department_submits_a_quarter_the_coordinator_approves_and_the_overview_changes()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (clerk, coordinator) = ("zjj" + suffix, "fgw" + suffix);
        var admin = await app.NewPage();
        await app.SignIn(admin, "admin", BrowserFixture.AdminPassword);
        await CreatePerson(admin, clerk, "Zjj-Passw0rd-1", "DepartmentStaff", "市住建局");
        await CreatePerson(admin, coordinator, "Fgw-Passw0rd-1", "ProgrammeCoordinator", null);

        await admin.GotoAsync("/programme");
        var before = int.Parse(await MetCount(admin, "舒适家园").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

        var department = await app.NewPage();
        await app.SignIn(department, clerk, "Zjj-Passw0rd-1");
        await department.GotoAsync("/programme/report");
        await department.GetByRole(AriaRole.Link, new() { Name = "居民二次供水设施升级改造惠及居民" }).ClickAsync();
        var form = department.GetByTestId("report-form");
        await form.GetByLabel("期间").FillAsync("2026Q3");
        await form.GetByLabel("数值").FillAsync("61");
        await form.GetByLabel("数据来源说明").FillAsync("二次供水改造台账");
        await form.GetByRole(AriaRole.Button, new() { Name = "报送" }).ClickAsync();
        await Expect(department.GetByRole(AriaRole.Status)).ToContainTextAsync("已报送");
        await Expect(department.GetByTestId("pending")).ToContainTextAsync("已报送待审核");

        var office = await app.NewPage();
        await app.SignIn(office, coordinator, "Fgw-Passw0rd-1");
        await office.GotoAsync("/programme/review");
        var row = office.GetByTestId("review-queue").Locator("tr", new() { HasText = "居民二次供水设施升级改造惠及居民" });
        await row.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Expect(office.GetByRole(AriaRole.Status)).ToContainTextAsync("已审核通过");

        await office.GotoAsync("/programme");
        await Expect(MetCount(office, "舒适家园")).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await office.GotoAsync("/programme/indicators/H2.G1.T4.I10");
        await Expect(office.GetByTestId("values")).ToContainTextAsync("二次供水改造台账");
        await Expect(office.GetByTestId("progress")).ToContainTextAsync("已达标");
    }
}
