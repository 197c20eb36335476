using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Data;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;
using Yiju.Organisation.Features.Account;
using Yiju.Organisation.Features.People;

namespace Yiju.IntegrationTests.Infrastructure;

/// <summary>
/// The whole web host in-process on its own database, migrated and seeded as on a first start. Tests create their own
/// people and data with unique names, so they never depend on each other.
/// </summary>
public sealed class YijuApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-Passw0rd-for-tests";

    private YijuApp(TestDatabase database, IReadOnlyDictionary<string, string> settings, bool ownsDatabase = true)
    {
        Database = database;
        _settings = settings;
        _ownsDatabase = ownsDatabase;
    }

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly bool _ownsDatabase;
    private Action<IServiceCollection>? _services;

    public TestDatabase Database { get; }

    public static async Task<YijuApp> Start(DatabaseProvider provider, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var app = new YijuApp(await TestDatabase.Create(provider), settings ?? new Dictionary<string, string>()) { _services = services };
        _ = app.Server; // start now, so migration and seeding happen before the first test
        return app;
    }

    /// <summary>
    /// A second web host on the same database, as another node of a multi-node deployment. <paramref name="services"/> may
    /// replace services (a test clock); the database stays with the first app.
    /// </summary>
    public static YijuApp Join(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var app = new YijuApp(database, settings ?? new Dictionary<string, string>(), ownsDatabase: false) { _services = services };
        _ = app.Server;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Yiju", Database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("YIJU_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("RateLimiting:AnonymousPermitsPerMinute", "100000");
        // The deadline job would act on other tests' tickets behind their backs; tests that need it switch it on.
        builder.UseSetting("Hotline:DeadlineJob:Enabled", "false");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (_services is { } configure)
            builder.ConfigureTestServices(configure);
    }

    /// <summary>Creates a person with one role grant and returns an API client authenticated with a fresh personal access token.</summary>
    public async Task<(HttpClient Client, string UserName)> ClientFor(Role role, string? unitCode = null, string? departmentCode = null)
    {
        var userName = $"t-{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..40];
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IOrganisationDb>();
        long? departmentId = departmentCode is null ? null : db.Departments.Single(d => d.Code == departmentCode).Id;
        var people = scope.ServiceProvider.GetRequiredService<PeopleHandlers>();
        var saved = await people.Save(new SavePersonCommand(null, userName, "测试 " + role, null, true, "Password-1234",
            [new GrantInput(role, unitCode, departmentId)], null), Caller.System("test"), CancellationToken.None);
        Assert.True(saved.Succeeded, saved.Failure?.Message);
        var personId = saved.Value!.Id;
        var token = await scope.ServiceProvider.GetRequiredService<AccessTokens>()
            .Create(new Caller(personId, userName, []), "test", 1, CancellationToken.None);
        Assert.True(token.Succeeded, token.Failure?.Message);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value!.Token);
        return (client, userName);
    }

    public T Db<T>(Func<YijuDb, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<YijuDb>());
    }

    public string StreetOf(string districtCode) =>
        Db(db => db.Units.Where(u => u.Level == UnitLevel.Street && u.Path.Contains("/" + districtCode + "/")).OrderBy(u => u.Code).Select(u => u.Code).First());

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
            await Database.DisposeAsync();
    }
}

/// <summary>One app per test class and provider; PostgreSQL classes are skipped with a reason when no server is configured.</summary>
public abstract class AppFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public YijuApp? App { get; private set; }
    public DatabaseProvider Provider { get; } = provider;

    public async ValueTask InitializeAsync()
    {
        if (Provider == DatabaseProvider.Postgres && TestDatabase.PostgresServer is null)
            return;
        App = await YijuApp.Start(Provider);
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The running app, or a skip with the reason when this provider has no server.</summary>
    public YijuApp Require()
    {
        Assert.SkipWhen(App is null, TestDatabase.SkipReason);
        return App!;
    }
}

public sealed class SqliteFixture() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresFixture() : AppFixture(DatabaseProvider.Postgres);
