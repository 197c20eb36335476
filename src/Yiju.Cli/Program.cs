using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Yiju.Cli;
using Yiju.Data;

var root = new RootCommand("yiju — 宜居: Harbin's livable-city platform (migrate, seed, import, audit)");
root.Subcommands.Add(DatabaseCommands.Migrate());
root.Subcommands.Add(DatabaseCommands.Seed());
root.Subcommands.Add(DatabaseCommands.Db());
root.Subcommands.Add(AuditCommands.Audit());
root.Subcommands.Add(OrganisationCommands.Organisation());
root.Subcommands.Add(HousingCommands.Housing());
root.Subcommands.Add(PlacesCommands.Places());

try
{
    // Our own handler below turns configuration mistakes into one line instead of a stack trace.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (DatabaseConfigurationException e)
{
    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]Configuration error:[/] {e.Message}");
    return 2;
}
