using Microsoft.Playwright;
using Yiju.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Yiju.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class OrganisationPagesTests(BrowserFixture app)
{
    [Fact]
    public async Task Home_page_speaks_Chinese_and_shows_real_counts()
    {
        var page = await app.NewPage();
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("宜居幸福之都");
        await Expect(page.Locator("[data-count=districts]")).ToHaveTextAsync("18");
        // 77 streets are seeded from OpenStreetMap; other tests may have added more.
        Assert.True(int.Parse(await page.Locator("[data-count=streets]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 77);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("home.png"), FullPage = true });
    }

    [Fact]
    public async Task Organisation_map_draws_the_18_district_level_units_without_tiles()
    {
        var page = await app.NewPage();
        await page.GotoAsync("/organisation");
        await Expect(page.Locator("#org-map")).ToHaveAttributeAsync("data-loaded", "18");
        await Expect(page.Locator("#org-map .leaflet-overlay-pane path")).ToHaveCountAsync(18);
        Assert.Equal(0, await page.Locator(".leaflet-tile").CountAsync());
        await Expect(page.GetByTestId("unit-list").GetByRole(AriaRole.Link, new() { Name = "五常市" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("organisation-map.png") });

        await page.GetByLabel("显示街道边界").CheckAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('org-map').dataset.streetsLoaded || document.getElementById('org-map').dataset.error");
        var state = await page.EvaluateAsync<string>("() => JSON.stringify(document.getElementById('org-map').dataset)");
        Assert.True(state.Contains("\"streetsLoaded\":\"77\"", StringComparison.Ordinal), state);
    }

    [Fact]
    public async Task Admin_adds_a_street_renames_it_and_the_change_is_in_the_audit_trail()
    {
        var page = await app.NewPage();
        await app.SignIn(page, "admin", BrowserFixture.AdminPassword);
        await page.GotoAsync("/organisation/units/230104");
        var code = "B" + Guid.NewGuid().ToString("N")[..8];
        var add = page.Locator("section.panel");
        await add.GetByLabel("代码").FillAsync(code);
        await add.GetByLabel("名称", new() { Exact = true }).FillAsync("浏览器测试街道");
        await add.GetByRole(AriaRole.Button, new() { Name = "新增" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已保存");
        await page.GetByTestId("children").GetByRole(AriaRole.Link, new() { Name = "浏览器测试街道" }).ClickAsync();

        var edit = page.Locator("details.panel");
        await edit.GetByText("修改", new() { Exact = true }).First.ClickAsync();
        await edit.GetByLabel("名称", new() { Exact = true }).FillAsync("浏览器测试街道（改）");
        await edit.GetByRole(AriaRole.Button, new() { Name = "修改" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("浏览器测试街道（改）");

        await page.GotoAsync("/admin/audit?entityType=Unit&actor=admin");
        await Expect(page.Locator("table.audit tbody tr")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "校验哈希链" }).ClickAsync();
        await Expect(page.GetByTestId("verify-result")).ToContainTextAsync("哈希链完整");
    }

    [Fact]
    public async Task Admin_creates_district_staff_who_can_edit_only_their_own_district()
    {
        var admin = await app.NewPage();
        await app.SignIn(admin, "admin", BrowserFixture.AdminPassword);
        await admin.GotoAsync("/organisation/people/edit");
        var user = "daoli" + Guid.NewGuid().ToString("N")[..6];
        await admin.GetByLabel("用户名").FillAsync(user);
        await admin.GetByLabel("姓名").FillAsync("道里区测试员");
        await admin.GetByLabel("新密码").FillAsync("Daoli-Passw0rd");
        await admin.GetByLabel("角色").First.SelectOptionAsync("DistrictStaff");
        await admin.GetByLabel("范围单位代码").First.FillAsync("230102");
        await admin.GetByRole(AriaRole.Button, new() { Name = "修改" }).ClickAsync();
        await Expect(admin.GetByTestId("people")).ToContainTextAsync(user);

        var staff = await app.NewPage();
        await app.SignIn(staff, user, "Daoli-Passw0rd");
        await staff.GotoAsync("/organisation/units/230102");
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "新增下级单位" })).ToBeVisibleAsync();
        await staff.GotoAsync("/organisation/units/230103");
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("南岗区");
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "新增下级单位" })).ToHaveCountAsync(0);
        var denied = await staff.GotoAsync("/organisation/people");
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("无权访问");
        Assert.Equal(403, denied!.Status);
    }

    [Fact]
    public async Task An_import_with_a_bad_row_lists_it_and_imports_nothing()
    {
        var page = await app.NewPage();
        await app.SignIn(page, "admin", BrowserFixture.AdminPassword);
        await page.GotoAsync("/organisation/import");
        var code = "M" + Guid.NewGuid().ToString("N")[..8];
        var csv = $"code,name,level,parent_code\n{code}1,导入街道,street,230108\n{code}2,,community,{code}1\n";
        await page.GetByLabel("CSV 文件").SetInputFilesAsync(new FilePayload { Name = "units.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("名称不能为空");
        await page.GotoAsync($"/organisation?q={code}");
        await Expect(page.GetByTestId("unit-list").Locator("tbody tr")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task English_is_one_click_away()
    {
        var page = await app.NewPage();
        await page.GotoAsync("/organisation");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Harbin's 18 district-level units");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "main" })).ToContainTextAsync("Organisation");
    }
}
