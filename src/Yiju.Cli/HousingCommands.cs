using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Yiju.Housing.Domain.Lottery;

namespace Yiju.Cli;

/// <summary>Housing lottery tools that need no database: anyone holding the published files can run them.</summary>
public static class HousingCommands
{
    public static Command Housing()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Folder with entrants.csv, flats.csv, rules.json, commitment.json, draw.json and result.csv." };
        var verify = new Command("verify", "Re-check a published lottery from its files: every hash, the secret commitment, and the draw re-run against result.csv. Exit code 1 when anything fails.") { folder };
        verify.SetAction(parse =>
        {
            var dir = parse.GetValue(folder)!;
            if (!dir.Exists)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]No such folder:[/] {dir.FullName}");
                return 2;
            }
            var report = LotteryVerifier.Verify(dir.FullName);
            // Plain console output: a rich console would wrap the 64-digit hashes people need to copy and compare.
            foreach (var line in report.Describe())
            {
                Console.WriteLine(line);
            }
            return report.Passed ? 0 : 1;
        });

        var output = new Argument<FileInfo>("secret-file") { Description = "Where to write the new secret (hex). Keep it offline until the draw." };
        var secret = new Command("secret", "Create an operator secret (32 random bytes) and print the SHA-256 commitment to publish before the draw.") { output };
        secret.SetAction(parse =>
        {
            var file = parse.GetValue(output)!;
            if (file.Exists)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]Refusing to overwrite[/] {file.FullName}");
                return 2;
            }
            var bytes = LotterySecret.Create();
            File.WriteAllText(file.FullName, Convert.ToHexStringLower(bytes) + "\n");
            Console.WriteLine($"secret written to {file.FullName}");
            Console.WriteLine($"commitment (SHA-256 of the secret bytes): {Convert.ToHexStringLower(LotterySecret.Commitment(bytes))}");
            return 0;
        });

        var lottery = new Command("lottery", "Verifiable housing lottery (摇号配租).") { verify, secret };
        return new Command("housing", "Housing security (住房保障).") { lottery };
    }
}
