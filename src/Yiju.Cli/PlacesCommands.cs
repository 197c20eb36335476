using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Yiju.Data.Migrations;
using Yiju.Kernel;
using Yiju.Places.Domain;
using Yiju.Places.Features;

namespace Yiju.Cli;

/// <summary>`yiju places`: import the walking network and facilities, run the life-circle analysis.</summary>
public static class PlacesCommands
{
    public static Command Places()
    {
        var osmFile = new Argument<FileInfo>("file") { Description = "OSM PBF or XML file, e.g. ../shared/data/osm/harbin-central.osm.pbf" };
        var importOsm = new Command("import-osm", "Import an OSM file as the walking network (stored in the database; the graph is rebuilt in memory from it) and replace the OSM population ESTIMATE from its residential buildings.") { osmFile };
        importOsm.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(osmFile)!;
            if (!file.Exists)
                return Fail($"No such file: {file.FullName}");
            await using var services = CliHost.Build();
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<MigrationRunner>().Migrate(ct);
            await scope.ServiceProvider.GetRequiredService<FacilityHandlers>().Seed(ct);
            var handler = scope.ServiceProvider.GetRequiredService<ImportNetwork>();
            Outcome<NetworkImportResult> outcome = default;
            await AnsiConsole.Progress().StartAsync(async ctx =>
            {
                var task = ctx.AddTask("import");
                await using var stream = file.OpenRead();
                outcome = await handler.Import(stream, file.Name, $"cli:{Environment.UserName}", Reporter(task), ct);
                task.Value = task.MaxValue;
            });
            if (outcome.Failure is { } f)
                return Fail(f.Message);
            var r = outcome.Value!;
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"Network {r.NetworkId}: {r.Vertices:N0} vertices, {r.Edges:N0} edges. Population ESTIMATE from OSM buildings: {r.EstimatedUnits:N0} buildings, {r.EstimatedPeople:N0} people.");
            return 0;
        });

        var facilitiesFile = new Argument<FileInfo>("file") { Description = "GeoJSON (type_code or OSM category per feature) or CSV (type_code,name,lat,lon[,capacity])" };
        var importFacilities = new Command("import-facilities", "Import facilities from GeoJSON or CSV; any bad row refuses the whole file.") { facilitiesFile };
        importFacilities.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(facilitiesFile)!;
            if (!file.Exists)
                return Fail($"No such file: {file.FullName}");
            await using var services = CliHost.Build();
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<MigrationRunner>().Migrate(ct);
            var handlers = scope.ServiceProvider.GetRequiredService<FacilityHandlers>();
            await handlers.Seed(ct);
            await using var stream = file.OpenRead();
            var outcome = await handlers.Import(stream, file.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "geojson", ct);
            if (outcome.Failure is { } f)
            {
                foreach (var e in f.Errors?.SelectMany(kv => kv.Value) ?? [])
                    AnsiConsole.WriteLine(e);
                return Fail(f.Message);
            }
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Created {outcome.Value!.Created}, already present {outcome.Value.AlreadyPresent}.");
            return 0;
        });

        var populationFile = new Argument<FileInfo>("file") { Description = "CSV: lat,lon,total,age_0_3,age_3_6,age_6_12,age_12_15,age_65_plus" };
        var importPopulation = new Command("import-population", "Load census population from CSV (replaces earlier census units; analyses then use it instead of the OSM estimate). Any bad row refuses the whole file.") { populationFile };
        importPopulation.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(populationFile)!;
            if (!file.Exists)
                return Fail($"No such file: {file.FullName}");
            await using var services = CliHost.Build();
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<MigrationRunner>().Migrate(ct);
            await using var stream = file.OpenRead();
            var outcome = await scope.ServiceProvider.GetRequiredService<ImportPopulation>().Import(stream, file.Name, ct);
            if (outcome.Failure is { } f)
            {
                foreach (var e in f.Errors?.SelectMany(kv => kv.Value) ?? [])
                    AnsiConsole.WriteLine(e);
                return Fail(f.Message);
            }
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Loaded {outcome.Value!.Units:N0} census units, {outcome.Value.People:N0} people.");
            return 0;
        });

        var sites = new Option<int>("--sites") { Description = "New sites to suggest per facility type (greedy maximal coverage).", DefaultValueFactory = _ => 3 };
        var snap = new Option<double>("--max-snap") { Description = "Metres: facilities and homes farther than this from a walkable way are flagged and left out.", DefaultValueFactory = _ => 200 };
        var analyse = new Command("analyse", "Run the 5/10/15-minute life-circle analysis on the current network, facilities and population, and save the run.") { sites, snap };
        analyse.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.Build();
            using var scope = services.CreateScope();
            var handler = scope.ServiceProvider.GetRequiredService<RunAnalysis>();
            Outcome<RunSummary> outcome = default;
            await AnsiConsole.Progress().StartAsync(async ctx =>
            {
                var task = ctx.AddTask("analyse");
                outcome = await handler.Run(new AnalysisParameters(parse.GetValue(snap), parse.GetValue(sites)), $"cli:{Environment.UserName}", Reporter(task), ct);
                task.Value = task.MaxValue;
            });
            if (outcome.Failure is { } f)
                return Fail(f.Message);
            var detail = (await scope.ServiceProvider.GetRequiredService<PlacesQueries>().Run(outcome.Value!.Id, ct))!;
            var rows = await scope.ServiceProvider.GetRequiredService<PlacesQueries>().Coverage(detail.Run.Id, null, "city", ct);
            var table = new Table().AddColumns("type", "facilities", "people in group", "covered %", "2SFCA", "people added by suggested sites");
            foreach (var t in detail.Result.Types)
            {
                var city = rows.FirstOrDefault(r => r.FacilityTypeCode == t.TypeCode);
                table.AddRow(t.TypeCode, t.Facilities.ToString(CultureInfo.InvariantCulture), (city?.Population ?? 0).ToString("N0", CultureInfo.InvariantCulture),
                    (city?.CoveragePercent ?? 0).ToString("F1", CultureInfo.InvariantCulture), (city?.Access2Sfca ?? 0).ToString("G3", CultureInfo.InvariantCulture),
                    string.Join(", ", t.Suggestions.Select(s => string.Create(CultureInfo.InvariantCulture, $"+{s.AddedPeople:N0}"))));
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"Run {detail.Run.Id} saved. {detail.Result.FlaggedFacilities.Count} facilities flagged (farther than {parse.GetValue(snap)} m from any walkable way). {(detail.Run.UsesEstimatedPopulation ? "Population is an ESTIMATE from OSM buildings." : "")}");
            return 0;
        });

        return new Command("places", "Life circles (生活圈): walking network, facilities, coverage.") { importOsm, importFacilities, importPopulation, analyse };
    }

    private static Progress<(string Stage, double Fraction)> Reporter(ProgressTask task) => new(p =>
    {
        task.Description = p.Stage;
        task.Value = p.Fraction * task.MaxValue;
    });

    private static int Fail(string message)
    {
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{message}[/]");
        return 1;
    }
}
