using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Yiju.BrowserTests.Infrastructure;
using Yiju.Kernel.Security;
using static Microsoft.Playwright.Assertions;

namespace Yiju.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed partial class HotlineViewsPagesTests(BrowserFixture app)
{
    private const string Password = "Hotline-Views-Passw0rd";

    [GeneratedRegex(@"12345-\d{8}-\d+")]
    private static partial Regex TicketNumber();

    [Fact]
    public async Task An_operator_adds_a_standard_answer_resolves_a_call_with_it_at_intake_and_finds_it_behind_the_dashboard_figure()
    {
        var operatorName = await app.CreatePerson(Role.HotlineOperator, Password);
        var page = await app.NewPage();
        await app.SignIn(page, operatorName, Password);

        // The centre writes a standard answer with its source.
        var title = "供热费缴纳渠道 " + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/hotline/knowledge");
        var form = page.GetByTestId("kb-form");
        await form.GetByLabel("分类").SelectOptionAsync("heating.fee");
        await form.GetByLabel("标题").FillAsync(title);
        await form.GetByLabel("答复内容").FillAsync("供热费可到供热单位营业厅或其公布的线上渠道缴纳。");
        await form.GetByLabel("依据").FillAsync("浏览器测试：供热单位公告");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.GetByTestId("kb-history")).ToContainTextAsync(title);

        // At intake, the category's standard answers are offered; the operator closes the call citing one.
        await page.GotoAsync("/hotline/intake");
        var intake = page.GetByTestId("intake");
        await intake.GetByLabel("诉求内容").FillAsync("请问今年的暖气费在哪里缴纳？");
        await intake.GetByLabel("联系电话").FillAsync("13904510000");
        await intake.Locator("select[name=CategoryCode]").SelectOptionAsync("heating.fee");
        await intake.Locator("input[name=Latitude]").FillAsync("45.7732");
        await intake.Locator("input[name=Longitude]").FillAsync("126.6177");
        await intake.GetByRole(AriaRole.Button, new() { Name = "建议分类 (Alt+S)" }).ClickAsync();
        var suggestion = page.GetByTestId("kb-suggestions").Locator("article", new() { HasText = title });
        await Expect(suggestion).ToBeVisibleAsync();
        await suggestion.GetByRole(AriaRole.Button, new() { Name = "直接办结（引用此条）" }).ClickAsync();
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("直接办结");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("依据知识库");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync(title);
        var number = TicketNumber().Match(await page.Locator("h1").InnerTextAsync()).Value;
        Assert.False(string.IsNullOrEmpty(number));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("hotline-kb-resolve.png"), FullPage = true });

        // The dashboard's "resolved at intake" figure opens the list of tickets behind it.
        await page.GotoAsync("/hotline/dashboard");
        await page.GetByTestId("at-intake").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/hotline/kpi/tickets\\?.*kind=AtIntake"));
        await Expect(page.GetByTestId("drill")).ToContainTextAsync(number);

        // The hotspots page draws its grid on the district map (vendored Leaflet, our own boundaries).
        await page.GotoAsync("/hotline/hotspots");
        await Expect(page.GetByTestId("hotspot-method")).ToContainTextAsync("√m");
        await Expect(page.Locator("#heat-map[data-cells]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#heat-map .leaflet-interactive").First).ToBeVisibleAsync();
        await Expect(page.Locator("#heat-map[data-cells='0']")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("hotline-hotspots.png"), FullPage = true });
    }
}
