using Microsoft.Playwright;
using Yiju.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Yiju.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class PlacesPagesTests(BrowserFixture app)
{
    private static string HarbinPbf
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yiju.slnx")))
                dir = dir.Parent;
            return Path.Combine(Path.GetDirectoryName(dir!.FullName)!, "shared", "data", "osm", "harbin-central.osm.pbf");
        }
    }

    [Fact]
    public async Task Planner_imports_Harbin_runs_an_analysis_and_sees_coverage_a_catchment_and_a_suggested_site()
    {
        var page = await app.NewPage();
        await app.SignIn(page, "admin", BrowserFixture.AdminPassword);
        await page.GotoAsync("/places/manage");
        await Expect(page.GetByText("养老设施（仅1处）").First).ToBeVisibleAsync();

        await page.GetByLabel("导入 OSM 路网（PBF 或 XML）").SetInputFilesAsync(HarbinPbf);
        await page.Locator("form", new() { Has = page.GetByLabel("导入 OSM 路网（PBF 或 XML）") }).GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Expect(page.GetByTestId("network")).ToContainTextAsync("harbin-central.osm.pbf", new() { Timeout = 120_000 });

        // The POST only queues the analysis: the job page shows its state and progress, and moves on to the result
        // when the background worker has saved the run (which can take minutes on a loaded CI machine).
        await page.GetByRole(AriaRole.Button, new() { Name = "运行分析" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/places/jobs/", StringComparison.Ordinal) || u.Contains("/places?run=", StringComparison.Ordinal));
        if (page.Url.Contains("/places/jobs/", StringComparison.Ordinal))
            await Expect(page.GetByTestId("job-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("排队中|运行中|已完成"));
        await page.WaitForURLAsync(u => u.Contains("/places?run=", StringComparison.Ordinal), new() { Timeout = 300_000 });
        var runId = new Uri(page.Url).Query.Split("run=")[1].Split('&')[0];

        // Coverage by district, labelled as based on an estimate.
        await Expect(page.GetByTestId("district-coverage").GetByRole(AriaRole.Cell, new() { Name = "道里区", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("run-info")).ToContainTextAsync("估算");
        await Expect(page.GetByTestId("sparse-note")).ToBeVisibleAsync();

        // A suggested site, in the table and on the map.
        await Expect(page.GetByTestId("suggested-sites").Locator("tbody tr")).ToHaveCountAsync(3);
        await page.WaitForFunctionAsync("() => document.getElementById('places-map').dataset.suggestions === '3'");
        await Expect(page.Locator("#places-map .suggested-site").First).ToBeVisibleAsync();

        // The walking catchment of a clicked facility.
        await page.WaitForFunctionAsync("() => Number(document.getElementById('places-map').dataset.facilitiesLoaded) > 0");
        await page.Locator("#places-map path.facility-marker").First.DispatchEventAsync("click");
        await page.WaitForFunctionAsync("() => document.getElementById('places-map').dataset.catchmentFor || document.getElementById('places-map').dataset.error");
        Assert.Null(await page.Locator("#places-map").GetAttributeAsync("data-error"));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("places-coverage.png") });

        // A facility by hand: the point is picked on the map, checked against the network, and saved.
        await page.GotoAsync("/places/facilities/edit");
        await page.GetByLabel("名称").FillAsync("浏览器测试托老所");
        await page.Locator("select[name='Form.TypeCode']").SelectOptionAsync("elderly-day-care");
        await page.GetByLabel("地址").FillAsync("道里区中央大街1号");
        await page.WaitForFunctionAsync("() => document.getElementById('facility-map').dataset.districtsLoaded === 'true'");
        await page.Locator("#facility-map").ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('facility-map').dataset.checked || document.getElementById('facility-map').dataset.error");
        Assert.Null(await page.Locator("#facility-map").GetAttributeAsync("data-error"));
        Assert.NotEqual("", await page.Locator("#facility-lat").InputValueAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("places-facility-form.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("network-check")).ToContainTextAsync("路网检查");

        // Runs compare side by side (here the run with itself: every difference is zero).
        await page.GotoAsync($"/places/compare?a={runId}&b={runId}");
        await Expect(page.GetByTestId("compare-types").GetByRole(AriaRole.Cell, new() { Name = "小学", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("compare-districts").GetByRole(AriaRole.Cell, new() { Name = "道里区", Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("settings")).ToContainTextAsync(".osm.pbf");

        // The standards page lists each type with its clause and whether it was checked.
        await page.GotoAsync("/places/types");
        await Expect(page.GetByTestId("type-table").Locator("tr[data-code='kindergarten']")).ToContainTextAsync("GB 50180-2018");

        // The resident's view works without signing in.
        var resident = await app.NewPage();
        await resident.GotoAsync("/places/nearby?lat=45.7732&lon=126.6177");
        await Expect(resident.Locator("[data-testid^=within-]").First).ToBeVisibleAsync();
        await resident.WaitForFunctionAsync("() => document.getElementById('nearby-map').dataset.shown || document.getElementById('nearby-map').dataset.error");
        Assert.Null(await resident.Locator("#nearby-map").GetAttributeAsync("data-error"));
    }
}
