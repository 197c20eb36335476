using Yiju.Data.Migrations;
using Yiju.Hotline.Features.Settings;
using Yiju.Hotline.Features.Taxonomy;
using Yiju.Housing.Features;
using Yiju.Organisation.Features.Seed;
using Yiju.Places.Features;
using Yiju.Programme.Features.Seed;

namespace Yiju.Web.Infrastructure;

/// <summary>
/// In Development (or with Database:MigrateOnStart) the host migrates and seeds before serving, so that a fresh
/// clone is usable from one command. The first administrator's generated password is printed exactly once: it is
/// only generated when the account is created.
/// </summary>
public static class StartupTasks
{
    public static async Task MigrateAndSeed(IServiceProvider services, IConfiguration configuration, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Yiju.Startup");
        var applied = await scope.ServiceProvider.GetRequiredService<MigrationRunner>().Migrate(ct);
        if (applied.Count > 0)
            logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", applied));
        var report = await scope.ServiceProvider.GetRequiredService<OrganisationSeeder>().Seed(configuration["YIJU_ADMIN_PASSWORD"], ct);
        if (report.UnitsAdded + report.DepartmentsAdded > 0)
            logger.LogInformation("Seeded {Units} units and {Departments} departments", report.UnitsAdded, report.DepartmentsAdded);
        var programme = await scope.ServiceProvider.GetRequiredService<ProgrammeSeeder>().Seed(ct);
        if (programme.Indicators > 0)
            logger.LogInformation("Seeded Harbin's programme: {Indicators} indicators, {Targets} targets, {Values} published values", programme.Indicators, programme.Targets, programme.Values);
        var categories = await scope.ServiceProvider.GetRequiredService<CategoryCatalogue>().Seed(ct);
        if (categories > 0)
            logger.LogInformation("Seeded {Categories} hotline categories", categories);
        var hotlineSettings = await scope.ServiceProvider.GetRequiredService<HotlineConfiguration>().Seed(ct);
        if (hotlineSettings > 0)
            logger.LogInformation("Stored {Rows} default hotline deadline rules and KPI weights", hotlineSettings);
        var housing = await scope.ServiceProvider.GetRequiredService<HousingSeeder>().Seed(ct);
        if (housing.RuleSetsAdded > 0 || housing.SubsidyRulesAdded)
            logger.LogInformation("Seeded {RuleSets} housing rule sets (sample values until the housing bureau enters Harbin's)", housing.RuleSetsAdded);
        var places = await scope.ServiceProvider.GetRequiredService<FacilityHandlers>().Seed(ct);
        if (places.Types + places.Facilities > 0)
            logger.LogInformation("Seeded {Types} facility types and {Facilities} OSM-derived facilities", places.Types, places.Facilities);
        foreach (var (user, password) in report.NewAccounts)
        {
            // Written to the console rather than the log, so it does not end up in log files.
            Console.WriteLine();
            Console.WriteLine("==================================================================");
            Console.WriteLine($" 首个管理员 First administrator: {user}");
            Console.WriteLine($" 密码 Password (shown once only): {password}");
            Console.WriteLine("==================================================================");
            Console.WriteLine();
        }
    }

    /// <summary>Outside Development the schema is changed by `yiju migrate`; say so loudly if that has not been done.</summary>
    public static async Task WarnAboutPendingMigrations(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var pending = await scope.ServiceProvider.GetRequiredService<MigrationRunner>().Pending(ct);
        if (pending.Count > 0)
        {
            scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Yiju.Startup")
                .LogWarning("The database lacks migrations {Migrations}: run `yiju migrate` (or set Database:MigrateOnStart=true).", string.Join(", ", pending));
        }
    }
}
