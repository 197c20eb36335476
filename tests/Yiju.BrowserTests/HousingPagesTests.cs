using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yiju.BrowserTests.Infrastructure;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Lottery;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;
using static Microsoft.Playwright.Assertions;

namespace Yiju.BrowserTests;

/// <summary>One application through the whole procedure in the browser: the resident applies, the street and the district approve, the bureau notices it, stocks a flat, runs the lottery, and everyone can see and verify the result.</summary>
public sealed class HousingPagesTests(HousingBrowserFixture app) : IClassFixture<HousingBrowserFixture>
{
    private static string NewId(int year)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"230102{year}0315{Random.Shared.Next(0, 1000):D3}");
        return first17 + ChineseIdNumber.ComputeCheckChar(first17);
    }

    [Fact]
    public async Task An_application_goes_from_submission_through_both_reviews_the_notices_and_the_lottery()
    {
        string street;
        using (var scope = app.Services.CreateScope())
        {
            street = scope.ServiceProvider.GetRequiredService<IOrganisationDb>().Units
                .Where(u => u.Level == UnitLevel.Street && u.Path.Contains("/230102/")).OrderBy(u => u.Code).Select(u => u.Code).First();
        }
        var applicantId = NewId(1980);

        // The resident applies online, anonymously.
        var resident = await app.NewPage();
        await resident.GotoAsync("/housing");
        await Expect(resident.GetByTestId("sample-note").First).ToBeVisibleAsync();
        await resident.GotoAsync("/housing/apply");
        await resident.GetByLabel("所在区县").SelectOptionAsync("230102");
        await resident.GetByLabel("街道代码").FillAsync(street);
        await resident.GetByLabel("现有住房面积（平方米）").FillAsync("12");
        await resident.GetByLabel("家庭资产（元）").FillAsync("30000");
        await resident.GetByLabel("姓名 1", new() { Exact = true }).FillAsync("张晓明");
        await resident.GetByLabel("身份证号 1", new() { Exact = true }).FillAsync(applicantId);
        await resident.GetByLabel("月收入（元） 1", new() { Exact = true }).FillAsync("1800");
        await resident.GetByLabel("本市户籍 1", new() { Exact = true }).CheckAsync();
        await resident.GetByLabel("姓名 2", new() { Exact = true }).FillAsync("李红");
        await resident.GetByLabel("身份证号 2", new() { Exact = true }).FillAsync(NewId(1982));
        await resident.GetByLabel("关系 2", new() { Exact = true }).SelectOptionAsync("Spouse");
        await resident.GetByLabel("月收入（元） 2", new() { Exact = true }).FillAsync("1200");
        await resident.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        var number = await resident.GetByTestId("application-number").InnerTextAsync();
        Assert.StartsWith("GZ", number, StringComparison.Ordinal);

        // The street reviews it; a street reviewer elsewhere cannot.
        var streetStaff = await app.SignedIn(await app.Person(Role.StreetStaff, street));
        await streetStaff.GotoAsync("/housing/review");
        await streetStaff.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        var detailUrl = streetStaff.Url;
        await Expect(streetStaff.GetByText(applicantId[..4] + "**********" + applicantId[14..])).ToBeVisibleAsync();
        await streetStaff.GetByRole(AriaRole.Button, new() { Name = "街道初审通过" }).ClickAsync();
        await Expect(streetStaff.GetByTestId("status")).ToHaveTextAsync("待区审核");

        var otherDistrict = await app.SignedIn(await app.Person(Role.DistrictStaff, "230103"));
        var refused = await otherDistrict.GotoAsync(detailUrl);
        Assert.Equal(403, refused!.Status);

        var district = await app.SignedIn(await app.Person(Role.DistrictStaff, "230102"));
        await district.GotoAsync(detailUrl);
        await district.GetByRole(AriaRole.Button, new() { Name = "区复审通过并登记轮候" }).ClickAsync();
        await Expect(district.GetByTestId("status")).ToHaveTextAsync("已登记轮候");

        // The bureau publishes the first notice; the public sees the masked name only.
        var bureauUser = await app.Person(Role.DepartmentStaff, departmentCode: "zjj");
        var bureau = await app.SignedIn(bureauUser);
        await bureau.GotoAsync("/housing/review");
        await bureau.GetByRole(AriaRole.Button, new() { Name = "发布资格公示" }).ClickAsync();
        await resident.GotoAsync("/housing/notices");
        var row = resident.GetByTestId("first-notice").GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await Expect(row).ToContainTextAsync("张*明");
        await Expect(row).Not.ToContainTextAsync("张晓明");

        // Working days pass; the notice closes.
        app.Clock.Advance(TimeSpan.FromDays(10));
        bureau = await app.SignedIn(bureauUser);
        await bureau.GotoAsync("/housing/review");
        await bureau.GetByRole(AriaRole.Button, new() { Name = "结束资格公示" }).ClickAsync();
        await bureau.GotoAsync(detailUrl);
        await Expect(bureau.GetByTestId("status")).ToHaveTextAsync("公示通过");

        // A project with one flat; the lottery is prepared, then drawn.
        await bureau.GotoAsync("/housing/stock");
        await bureau.GetByLabel("项目名称").FillAsync("道里公租房测试项目");
        await bureau.GetByLabel("所在区县").SelectOptionAsync("230102");
        await bureau.GetByRole(AriaRole.Button, new() { Name = "登记项目" }).ClickAsync();
        await bureau.GetByLabel("房号").FillAsync("2-1-302");
        await bureau.GetByLabel("现有住房面积（平方米）").FillAsync("48.5");
        await bureau.GetByLabel("居室").FillAsync("1");
        await bureau.GetByLabel("楼层").FillAsync("3");
        await bureau.GetByRole(AriaRole.Button, new() { Name = "登记房源" }).ClickAsync();
        await Expect(bureau.GetByTestId("flats")).ToContainTextAsync("2-1-302");

        var secret = LotterySecret.Create();
        await bureau.GotoAsync("/housing/lotteries");
        await bureau.GetByLabel("项目").SelectOptionAsync(new SelectOptionValue { Label = "道里公租房测试项目 · 道里区 · 公共租赁住房 (1)" });
        await bureau.GetByLabel("摇号名称").FillAsync("2026年道里区公租房摇号");
        await bureau.GetByLabel("公开随机数来源").FillAsync("中国福利彩票双色球 第2026140期 开奖号码");
        await bureau.GetByLabel("操作员密钥承诺值（SHA-256）").FillAsync(Convert.ToHexStringLower(LotterySecret.Commitment(secret)));
        await bureau.GetByRole(AriaRole.Button, new() { Name = "冻结名单并公布" }).ClickAsync();
        await Expect(bureau.GetByTestId("lottery-state")).ToHaveTextAsync("已公布，待开奖");
        await bureau.GetByLabel("公开随机数").FillAsync("05 12 19 23 27 30 11");
        await bureau.GetByLabel("操作员密钥（十六进制）").FillAsync(Convert.ToHexStringLower(secret));
        await bureau.GetByRole(AriaRole.Button, new() { Name = "开奖" }).ClickAsync();
        await Expect(bureau.GetByTestId("lottery-state")).ToHaveTextAsync("已开奖");
        var lotteryUrl = bureau.Url;

        // The results notice is public and masked; the applicant sees rank and tier; the files verify.
        await resident.GotoAsync("/housing/notices");
        await resident.GetByTestId("result-notices").GetByRole(AriaRole.Link).First.ClickAsync();
        var result = resident.GetByTestId("results").GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await Expect(result).ToContainTextAsync("2-1-302");
        await Expect(result).ToContainTextAsync("张*明");

        await resident.GotoAsync("/housing/status");
        await resident.GetByLabel("申请编号").FillAsync(number);
        await resident.GetByLabel("申请人身份证号").FillAsync(applicantId);
        await resident.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(resident.GetByTestId("status")).ToHaveTextAsync("结果公示中");
        await Expect(resident.GetByTestId("rank")).ToHaveTextAsync("1");
        await Expect(resident.GetByTestId("tier")).ToHaveTextAsync("3");

        var zip = await resident.APIRequest.GetAsync(lotteryUrl.Replace("/housing/lotteries/", "/api/v1/housing/lotteries/", StringComparison.Ordinal) + "/files.zip");
        Assert.True(zip.Ok);
        await resident.GotoAsync("/housing/verify");
        await resident.GetByLabel("摇号文件或.zip").SetInputFilesAsync(new FilePayload { Name = "lottery.zip", MimeType = "application/zip", Buffer = await zip.BodyAsync() });
        await resident.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();
        await Expect(resident.GetByTestId("verify-verdict")).ToHaveTextAsync("验证通过：结果可由公布的文件复现");
        await resident.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("housing-verify.png"), FullPage = true });
    }
}
