using System.Globalization;
using Yiju.Bench.Hotline;

// Hotline benchmark helper, driven by bench/hotline.sh:
//   setup --conn <cs> --out <dir> --data <complaints-cn>   bench accounts + tokens, an Open311 client, wrk input files
//   load  --conn <cs> --data <complaints-cn> [--tickets N]  bulk-load N realistic tickets (binary COPY)
// Texts are derived at run time from ../shared/data/complaints-cn (no licence: read, never committed).

var ci = CultureInfo.InvariantCulture;
string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var conn = Arg("--conn") ?? throw new ArgumentException("--conn <connection string> is required");
var data = Arg("--data") ?? "/work/shared/data/complaints-cn";
switch (args.FirstOrDefault())
{
    case "setup":
        await Setup.Run(conn, Arg("--out") ?? "bench/out/hotline", data);
        break;
    case "load":
        await Loader.Run(conn, data, int.Parse(Arg("--tickets") ?? "2000000", ci), int.Parse(Arg("--seed") ?? "20261122", ci));
        break;
    default:
        Console.Error.WriteLine("usage: setup|load --conn <connection string> [--out dir] [--data dir] [--tickets N]");
        return 2;
}
return 0;
