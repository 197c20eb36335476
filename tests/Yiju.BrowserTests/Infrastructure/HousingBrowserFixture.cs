using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yiju.Data;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Features.People;

namespace Yiju.BrowserTests.Infrastructure;

/// <summary>A clock the test moves forward, so that a public notice's working days can pass.</summary>
public sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>
/// Like <see cref="BrowserFixture"/> (Kestrel on port 0, its own SQLite database, Chromium with outside hosts blocked)
/// but with a movable clock, for the housing procedure whose notices last working days.
/// </summary>
public sealed class HousingBrowserFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private TestDatabase? _database;
    private IPlaywright? _playwright;

    public MovableClock Clock { get; } = new(DateTimeOffset.UtcNow);
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => _factory!.Services;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
            throw new InvalidOperationException($"{BrowserFixture.ChromiumPath} is missing: install Debian's chromium package (scripts/test.sh does).");
        _database = await TestDatabase.Create(DatabaseProvider.Sqlite);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("ConnectionStrings:Yiju", _database.ConnectionString);
            b.UseSetting("Database:MigrateOnStart", "true");
            b.UseSetting("YIJU_ADMIN_PASSWORD", BrowserFixture.AdminPassword);
            b.UseSetting("RateLimiting:AnonymousPermitsPerMinute", "100000");
            // Port 0, not appsettings' 5080: several test hosts may run at once.
            b.UseSetting("Urls", "http://127.0.0.1:0");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPage()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, BaseURL = BaseUrl });
        await context.RouteAsync("**/*", route =>
            route.Request.Url.StartsWith(BaseUrl, StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A person with one grant, created through the Organisation handlers; returns the user name (the password is fixed).</summary>
    public async Task<string> Person(Role role, string? unitCode = null, string? departmentCode = null)
    {
        var userName = $"h-{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..30];
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IOrganisationDb>();
        long? departmentId = departmentCode is null ? null : db.Departments.Single(d => d.Code == departmentCode).Id;
        var saved = await scope.ServiceProvider.GetRequiredService<PeopleHandlers>().Save(new SavePersonCommand(null, userName, "住房 " + role, null, true, Password,
            [new GrantInput(role, unitCode, departmentId)], null), Caller.System("test"), CancellationToken.None);
        Assert.True(saved.Succeeded, saved.Failure?.Message);
        return userName;
    }

    public const string Password = "Housing-Passw0rd-1";

    public async Task<IPage> SignedIn(string user)
    {
        var page = await NewPage();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/signin", StringComparison.Ordinal));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
