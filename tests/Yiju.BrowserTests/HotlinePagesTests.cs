using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Yiju.BrowserTests.Infrastructure;
using Yiju.Kernel.Security;
using static Microsoft.Playwright.Assertions;

namespace Yiju.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed partial class HotlinePagesTests(BrowserFixture app)
{
    private const string Password = "Hotline-Passw0rd";

    [GeneratedRegex(@"12345-\d{8}-\d+")]
    private static partial Regex TicketNumber();

    [Fact]
    public async Task A_resident_ticket_goes_from_public_submission_through_dispatch_sign_for_reply_and_callback_to_close_and_is_counted()
    {
        var operatorName = await app.CreatePerson(Role.HotlineOperator, Password);
        var housingStaff = await app.CreatePerson(Role.DepartmentStaff, Password, departmentCode: "zjj");

        // A resident, not signed in, reports a cold flat.
        var resident = await app.NewPage();
        await resident.GotoAsync("/hotline/submit");
        await resident.GetByLabel("诉求内容").FillAsync("道里区兆麟街道某小区供热温度不达标，室内只有十四度，老人孩子受冻，请尽快处理。");
        await resident.GetByLabel("联系电话").FillAsync("13804511234");
        await resident.GetByLabel("地址").FillAsync("道里区兆麟街 88 号");
        await resident.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        var submitted = await resident.GetByTestId("submitted").InnerTextAsync();
        var number = TicketNumber().Match(submitted).Value;
        Assert.False(string.IsNullOrEmpty(number), submitted);

        // The 12345 operator finds it in the queue and dispatches it to the housing bureau.
        var operatorPage = await app.NewPage();
        await app.SignIn(operatorPage, operatorName, Password);
        await operatorPage.GotoAsync($"/hotline?q={number}");
        // Lists mask the caller's phone; the ticket itself shows it to the operator who must call back.
        await Expect(operatorPage.GetByTestId("queue")).ToContainTextAsync("138****1234");
        await operatorPage.GetByTestId("queue").GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        var ticketUrl = operatorPage.Url;
        await Expect(operatorPage.GetByTestId("ticket")).ToContainTextAsync("13804511234");
        var dispatch = operatorPage.Locator("form[data-action=dispatch]");
        await dispatch.GetByLabel("承办单位").SelectOptionAsync(new SelectOptionValue { Label = "市住建局" });
        await dispatch.GetByRole(AriaRole.Button, new() { Name = "派单" }).ClickAsync();
        await Expect(operatorPage.GetByTestId("timeline")).ToContainTextAsync("派单");

        // The bureau signs for it and replies.
        var unit = await app.NewPage();
        await app.SignIn(unit, housingStaff, Password);
        await unit.GotoAsync(ticketUrl);
        await unit.Locator("form[data-action=sign-for]").GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await Expect(unit.GetByTestId("timeline")).ToContainTextAsync("签收");
        var reply = unit.Locator("form[data-action=reply]");
        await reply.Locator("textarea[name=note]").FillAsync("已联系供热企业排查管网，室温已恢复至十八度以上。");
        await reply.GetByRole(AriaRole.Button, new() { Name = "回复" }).ClickAsync();
        await Expect(unit.GetByTestId("timeline")).ToContainTextAsync("回复");

        // The centre calls the resident back and closes the ticket.
        await operatorPage.GotoAsync(ticketUrl);
        var callback = operatorPage.Locator("form[data-action=callback]");
        await callback.GetByLabel("是", new() { Exact = true }).CheckAsync();
        await callback.GetByLabel("满意度").SelectOptionAsync(new SelectOptionValue { Label = "满意" });
        await callback.GetByRole(AriaRole.Button, new() { Name = "回访" }).ClickAsync();
        await operatorPage.Locator("form[data-action=close]").GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await Expect(operatorPage.GetByTestId("timeline")).ToContainTextAsync("办结");
        await operatorPage.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("hotline-ticket.png"), FullPage = true });

        // The resident can follow it with number and phone.
        await resident.GotoAsync("/hotline/track");
        await resident.GetByLabel("工单号").FillAsync(number);
        await resident.GetByLabel("联系电话").FillAsync("13804511234");
        await resident.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Expect(resident.Locator("main")).ToContainTextAsync("办结");

        // The month's dashboard counts it for the housing bureau.
        await operatorPage.GotoAsync("/hotline/dashboard");
        await Expect(operatorPage.GetByTestId("ranking-department")).ToContainTextAsync("市住建局");
    }
}
