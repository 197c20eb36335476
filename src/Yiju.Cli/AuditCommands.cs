using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Yiju.Data.Auditing;

namespace Yiju.Cli;

public static class AuditCommands
{
    public static Command Audit()
    {
        var verify = new Command("verify", "Walk the hash-chained audit trail and report the first altered, inserted or deleted row. Exit code 1 when the chain is broken.");
        verify.SetAction(async (_, ct) =>
        {
            await using var services = CliHost.Build();
            using var scope = services.CreateScope();
            var (rows, broken) = await scope.ServiceProvider.GetRequiredService<AuditTrail>().Verify(ct);
            if (broken is null)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]OK[/]: {rows} audit rows, chain intact.");
                return 0;
            }
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]BROKEN[/] at row {broken.Seq} ({broken.Kind}): {broken.Message}. {rows} rows before it verified.");
            return 1;
        });
        return new Command("audit", "Audit trail tools.") { verify };
    }
}
