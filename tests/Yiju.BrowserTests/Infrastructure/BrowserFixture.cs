using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yiju.Data;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Features.People;

namespace Yiju.BrowserTests.Infrastructure;

/// <summary>
/// Yiju on a real Kestrel port (loopback, port 0) with its own SQLite database, and Debian's Chromium driven by
/// Playwright. No network: the browser is started with background networking off, and every request to a host
/// other than the app is aborted, so a page that needs the internet fails its test.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string AdminPassword = "Admin-Passw0rd-browser";
    public const string ChromiumPath = "/usr/bin/chromium";

    private WebApplicationFactory<Program>? _factory;
    private TestDatabase? _database;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (scripts/test.sh does).");
        _database = await TestDatabase.Create(DatabaseProvider.Sqlite);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("ConnectionStrings:Yiju", _database.ConnectionString);
            b.UseSetting("Database:MigrateOnStart", "true");
            b.UseSetting("YIJU_ADMIN_PASSWORD", AdminPassword);
            b.UseSetting("RateLimiting:AnonymousPermitsPerMinute", "100000");
            // appsettings.json names port 5080; a developer's own running Yiju must not make the tests fail.
            b.UseSetting("Urls", "http://127.0.0.1:0");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh context (cookies, language) per test; requests to any other host are aborted.</summary>
    public async Task<IPage> NewPage(string? locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, BaseURL = BaseUrl });
        await context.RouteAsync("**/*", route =>
            route.Request.Url.StartsWith(BaseUrl, StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A staff account with one role, made directly (the admin's people form has its own test); returns the user name.</summary>
    public async Task<string> CreatePerson(Role role, string password, string? unitCode = null, string? departmentCode = null)
    {
        using var scope = _factory!.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IOrganisationDb>();
        long? departmentId = departmentCode is null ? null : db.Departments.Single(d => d.Code == departmentCode).Id;
        var userName = $"{role.ToString().ToLowerInvariant()}{Guid.NewGuid():N}"[..24];
        var saved = await scope.ServiceProvider.GetRequiredService<PeopleHandlers>().Save(
            new SavePersonCommand(null, userName, $"测试{role}", null, true, password, [new GrantInput(role, unitCode, departmentId)], null),
            Caller.System("browser-test"), CancellationToken.None);
        if (!saved.Succeeded)
            throw new InvalidOperationException(saved.Failure!.Message);
        return userName;
    }

    public async Task SignIn(IPage page, string user, string password)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/signin", StringComparison.Ordinal));
    }

    /// <summary>docs/screenshots in the repository, where the README shows them.</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yiju.slnx")))
            dir = dir.Parent;
        var folder = Path.Combine(dir!.FullName, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
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

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
