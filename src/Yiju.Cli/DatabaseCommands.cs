using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Yiju.Data;
using Yiju.Data.Migrations;
using Yiju.Hotline.Features.Settings;
using Yiju.Hotline.Features.Taxonomy;
using Yiju.Housing.Features;
using Yiju.Organisation.Features.Seed;
using Yiju.Places.Features;
using Yiju.Programme.Features.Seed;

namespace Yiju.Cli;

public static class DatabaseCommands
{
    public static Command Migrate()
    {
        var command = new Command("migrate", "Apply the database migrations that have not been applied yet (SQLite or PostgreSQL, per Database:Provider).");
        command.SetAction(async (_, ct) =>
        {
            await using var services = CliHost.Build();
            using var scope = services.CreateScope();
            var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
            var applied = await scope.ServiceProvider.GetRequiredService<MigrationRunner>().Migrate(ct);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{settings.Describe()}: applied {applied.Count} migration(s){(applied.Count > 0 ? ": " + string.Join(", ", applied) : "")}.");
            return 0;
        });
        return command;
    }

    public static Command Seed()
    {
        var demo = new Option<bool>("--demo") { Description = "Also create one demo account per role, with random passwords printed once." };
        var command = new Command("seed", "Migrate, then add what is missing: Harbin's organisation (city, 18 districts, streets, departments), the first administrator, Harbin's programme (homes, goals, tasks, indicators, published figures) and the hotline category taxonomy.") { demo };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.Build();
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<MigrationRunner>().Migrate(ct);
            var seeder = scope.ServiceProvider.GetRequiredService<OrganisationSeeder>();
            var password = scope.ServiceProvider.GetRequiredService<IConfiguration>()["YIJU_ADMIN_PASSWORD"];
            var report = await seeder.Seed(password, ct);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Added {report.UnitsAdded} units and {report.DepartmentsAdded} departments.");
            var programme = await scope.ServiceProvider.GetRequiredService<ProgrammeSeeder>().Seed(ct);
            if (programme.Indicators > 0)
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Added Harbin's programme: {programme.Indicators} indicators, {programme.Targets} targets, {programme.Values} published values.");
            else
                AnsiConsole.MarkupLine("Harbin's programme is already there; left unchanged.");
            var categories = await scope.ServiceProvider.GetRequiredService<CategoryCatalogue>().Seed(ct);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Added {categories} hotline categories.");
            var hotlineSettings = await scope.ServiceProvider.GetRequiredService<HotlineConfiguration>().Seed(ct);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Stored {hotlineSettings} default hotline deadline rules and KPI weights.");
            var housing = await scope.ServiceProvider.GetRequiredService<HousingSeeder>().Seed(ct);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Added {housing.RuleSetsAdded} housing rule set(s){(housing.SubsidyRulesAdded ? " and the subsidy rules" : "")} (sample values until the housing bureau enters Harbin's).");
            var places = await scope.ServiceProvider.GetRequiredService<FacilityHandlers>().Seed(ct);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Added {places.Types} facility types and {places.Facilities} OSM-derived facilities.");
            foreach (var (user, pw) in report.NewAccounts)
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]First administrator[/] {user} / password: [bold]{pw}[/] (shown once; change it after signing in)");
            if (parse.GetValue(demo))
            {
                var table = new Table().AddColumns("user", "password", "role", "scope");
                foreach (var (user, pw, role, scopeName) in await seeder.SeedDemoAccounts(ct))
                    table.AddRow(Markup.Escape(user), Markup.Escape(pw), role.ToString(), Markup.Escape(scopeName));
                AnsiConsole.MarkupLine("Demo accounts (passwords shown once):");
                AnsiConsole.Write(table);
            }
            return 0;
        });
        return command;
    }

    public static Command Db()
    {
        var status = new Command("status", "List migrations not yet applied.");
        status.SetAction(async (_, ct) =>
        {
            await using var services = CliHost.Build();
            using var scope = services.CreateScope();
            var pending = await scope.ServiceProvider.GetRequiredService<MigrationRunner>().Pending(ct);
            AnsiConsole.WriteLine(pending.Count == 0 ? "Up to date." : "Pending: " + string.Join(", ", pending));
            return 0;
        });
        var script = new Command("model-script", "Print the CREATE script EF Core derives from the current model for the configured provider (a starting point when writing a migration).");
        script.SetAction(async (_, _) =>
        {
            await using var services = CliHost.Build();
            using var scope = services.CreateScope();
            Console.Out.Write(scope.ServiceProvider.GetRequiredService<YijuDb>().Database.GenerateCreateScript());
            return 0;
        });
        return new Command("db", "Database helpers.") { status, script };
    }
}
