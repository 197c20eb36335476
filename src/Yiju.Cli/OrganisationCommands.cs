using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Yiju.Kernel.Security;
using Yiju.Organisation.Features.Units;

namespace Yiju.Cli;

public static class OrganisationCommands
{
    public static Command Organisation()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV with columns code,name,level,parent_code[,name_en]; level is street/街道 or community/社区." };
        var import = new Command("import-units", "Import streets and communities from CSV. All or nothing: one bad row imports nothing and every bad row is listed.") { file };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]No such file:[/] {path.FullName}");
                return 2;
            }
            await using var services = CliHost.Build();
            using var scope = services.CreateScope();
            await using var stream = path.OpenRead();
            var outcome = await scope.ServiceProvider.GetRequiredService<ImportUnits>().Handle(stream, Caller.System("cli"), ct);
            var result = outcome.Value!;
            if (result.Succeeded)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Imported {result.Created} units.[/]");
                return 0;
            }
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]Nothing imported:[/] {result.Errors.Count} problem(s).");
            foreach (var e in result.Errors)
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  line {e.Line}: {e.Message}");
            return 1;
        });
        return new Command("organisation", "Organisation data: streets, communities.") { import };
    }
}
