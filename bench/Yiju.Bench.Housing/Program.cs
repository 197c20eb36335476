using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Eligibility;
using Yiju.Housing.Domain.Lottery;
using Yiju.Housing.Domain.Stock;

// Housing benchmarks: eligibility for 200,000 applications; lottery draw and verification for 100,000 entrants
// and 10,000 flats. Each figure is the median of several timed runs after one warm-up run.
//   dotnet run -c Release --project bench/Yiju.Bench.Housing [-- --runs 7] [-- --sample <folder>]

var ci = CultureInfo.InvariantCulture;
var runs = 5;
string? sampleFolder = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs")
    {
        runs = int.Parse(args[++i], ci);
    }
    else if (args[i] == "--sample")
    {
        sampleFolder = args[++i];
    }
}

var today = new DateOnly(2026, 11, 23);
var nowUtc = new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

if (sampleFolder is not null)
{
    // A small published lottery for people who want to try a verifier by hand.
    var secret = Enumerable.Range(0, 32).Select(b => (byte)b).ToArray();
    var pub = LotteryPublication.Prepare(
        new LotteryRules { LotteryId = "KAT-1", Title = "test vector", Tiers = [new(1, "priority"), new(2, "general")] },
        [new("E01", 2, 1), new("E02", 1, 3), new("E03", 2, 5), new("E04", 1, 2), new("E05", 2, 4), new("E06", 2, 2)],
        [new("F1", 1), new("F2", 2), new("F3", 1), new("F4", 3)],
        "test source", LotterySecret.Commitment(secret), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    LotteryFiles.Write(sampleFolder, pub, pub.Draw(secret, "03 07 12 19 25 31 09", new DateTime(2026, 1, 8, 0, 0, 0, DateTimeKind.Utc)));
    Console.WriteLine($"Wrote {sampleFolder}; commitment.json SHA-256 {pub.CommitmentFileSha256Hex}");
    return;
}

Console.WriteLine($"Yiju.Bench.Housing: {Environment.ProcessorCount} logical processors, {RuntimeVersion()}, median of {runs} runs");

// ---- eligibility ----
var rnd = new Random(42);
var applications = Enumerable.Range(0, 200_000).Select(i => SyntheticApplication(rnd, i)).ToArray();
var ruleSet = SampleRuleSets.PublicRental(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
var eligible = 0;
var elig = Median(runs, () =>
{
    eligible = 0;
    foreach (var app in applications)
    {
        if (EligibilityEvaluator.Evaluate(ruleSet, app, today).Eligible)
        {
            eligible++;
        }
    }
});
Report("eligibility, 200,000 applications (facts from members incl. ID parsing, all rules)", elig, 2000);
Console.WriteLine($"    {eligible:N0} eligible, {applications.Length - eligible:N0} with reasons");

var tiers = Median(runs, () =>
{
    foreach (var app in applications)
    {
        PriorityPolicy.Default.TierOf(app, today);
    }
});
Report("priority tier, 200,000 applications", tiers, null);

// ---- lottery ----
var entrants = Enumerable.Range(0, 100_000).Select(i => new LotteryEntrant($"GZ2026-{i:D6}", 1 + (rnd.Next(10) switch { 0 => 0, < 3 => 1, _ => 2 }), 1 + rnd.Next(6))).ToArray();
var flats = Enumerable.Range(0, 10_000).Select(i => new LotteryFlat($"XF-{i:D5}", rnd.Next(4))).ToArray();
var lotterySecret = LotterySecret.Create();
var rules = new LotteryRules
{
    LotteryId = "BENCH-1",
    Title = "基准测试",
    Tiers = [new(1, "优先一"), new(2, "优先二"), new(3, "一般")],
};
LotteryPublication publication = null!;
var prepare = Median(runs, () => publication = LotteryPublication.Prepare(rules, entrants, flats, "基准测试随机源", LotterySecret.Commitment(lotterySecret), nowUtc));
Report("lottery publish (canonical files + hashes), 100,000 entrants, 10,000 flats", prepare, null);

LotteryOutcome outcome = null!;
var draw = Median(runs, () => outcome = publication.Draw(lotterySecret, "03 07 12 19 25 31 09", nowUtc));
Report("lottery draw (seed, shuffle, assignment, result.csv), 100,000 / 10,000", draw, 1000);
Console.WriteLine($"    {outcome.AllocatedCount:N0} flats allocated");

var folder = Path.Combine(Path.GetTempPath(), "yiju-bench-lottery-" + Guid.NewGuid().ToString("N"));
LotteryFiles.Write(folder, publication, outcome);
LotteryVerificationReport report = null!;
var verify = Median(runs, () => report = LotteryVerifier.Verify(folder));
Report("lottery verify (read files, hashes, commitment, re-run, compare), 100,000 / 10,000", verify, 1000);
Console.WriteLine($"    passed: {report.Passed}");
Directory.Delete(folder, recursive: true);
if (!report.Passed || elig >= 2000 || draw >= 1000 || verify >= 1000)
{
    Environment.ExitCode = 1;
}

static double Median(int runs, Action action)
{
    action(); // warm-up: JIT and caches
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var sw = Stopwatch.StartNew();
        action();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

static void Report(string what, double ms, double? budgetMs)
{
    var budget = budgetMs is double b ? (ms < b ? $"  (budget {b:N0} ms: ok)" : $"  (budget {b:N0} ms: OVER)") : "";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: {ms:N1} ms{budget}"));
}

static string RuntimeVersion() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

static HouseholdApplication SyntheticApplication(Random rnd, int i)
{
    var app = new HouseholdApplication
    {
        Id = Guid.NewGuid(),
        Number = string.Create(CultureInfo.InvariantCulture, $"GZ2026-{i:D6}"),
        HouseholdId = Guid.NewGuid(),
        Scheme = SchemeKind.PublicRental,
        DistrictCode = "230102",
        StreetCode = "230102001",
        AssetsFen = rnd.Next(0, 300_000) * 100L,
        CurrentHousingAreaM2 = rnd.Next(0, 4) == 0 ? rnd.Next(20, 90) : 0,
    };
    var size = 1 + rnd.Next(5);
    for (var m = 0; m < size; m++)
    {
        var year = m == 0 ? 1950 + rnd.Next(55) : 1950 + rnd.Next(75);
        var first17 = string.Create(CultureInfo.InvariantCulture, $"230102{year:D4}{1 + rnd.Next(12):D2}{1 + rnd.Next(28):D2}{rnd.Next(1000):D3}");
        app.Members.Add(new ApplicationMember
        {
            Name = "张三明",
            IdNumber = first17 + ChineseIdNumber.ComputeCheckChar(first17),
            Relationship = m == 0 ? Relationship.Applicant : Relationship.Child,
            MonthlyIncomeFen = rnd.Next(0, 400_000),
            LocalHukou = rnd.Next(3) > 0,
            SocialInsuranceMonths = rnd.Next(0, 36),
            Disabled = rnd.Next(50) == 0,
        });
    }
    return app;
}
