using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Yiju.Housing.Domain.Lottery;
using Yiju.Housing.Domain.Stock;

namespace Yiju.UnitTests.Housing;

/// <summary>
/// Pins yiju-lottery-v1 to values computed outside this code base, and checks the published folder with the
/// standard-library Python verifier in docs/modules, so the documentation and the C# cannot drift apart.
/// </summary>
public sealed class LotteryReferenceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "yiju-lottery-ref-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static readonly byte[] Secret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    private static LotteryPublication Publication() => LotteryPublication.Prepare(
        new LotteryRules
        {
            LotteryId = "KAT-1",
            Title = "test vector",
            Tiers = [new(1, "priority"), new(2, "general")],
            Matching = FlatMatchingRules.Default,
        },
        [new("E01", 2, 1), new("E02", 1, 3), new("E03", 2, 5), new("E04", 1, 2), new("E05", 2, 4), new("E06", 2, 2)],
        [new("F1", 1), new("F2", 2), new("F3", 1), new("F4", 3)],
        "test source",
        SHA256.HashData(Secret),
        new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Test_vector_in_the_documentation_reproduces()
    {
        // The vector printed in docs/modules/housing-lottery.md; the Python reference verifier accepts the same files.
        var pub = Publication();
        Assert.Equal("27199987bb1d70399fca532433a5db81454d353182c6ce48d35b6de65347cc91", Convert.ToHexStringLower(pub.EntrantsSha256));
        Assert.Equal("ee5ee91fe94aa086510ce31a7b11862bb7a0490f2b0104ffafd30db4664e94d2", Convert.ToHexStringLower(pub.RulesSha256));
        Assert.Equal("9655810e398794783a690f0a3a80a51170074fe7d2e15de2ca3686e001f8c2e7", pub.CommitmentFileSha256Hex);
        var outcome = pub.Draw(Secret, "03 07 12 19 25 31 09", new DateTime(2026, 1, 8, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal("cdabdd8b43309463a226fb25ba57818489da0262c8cf0ef410b21b4759de109f", Convert.ToHexStringLower(outcome.Seed));
        Assert.Equal("rank,entrant_id,tier,flat_id\n1,E02,1,F2\n2,E04,1,F1\n3,E05,2,F3\n4,E06,2,\n5,E01,2,\n6,E03,2,F4\n", Encoding.UTF8.GetString(outcome.ResultCsv));
    }

    [Fact]
    public void Hkdf_seed_matches_rfc_5869_computed_by_hand()
    {
        // RFC 5869 with a single expand block: PRK = HMAC(salt, ikm); OKM = HMAC(PRK, info ‖ 0x01).
        var entrantsHash = SHA256.HashData("e"u8);
        var rulesHash = SHA256.HashData("r"u8);
        byte[] salt = [.. entrantsHash, .. rulesHash];
        var prk = HMACSHA256.HashData(salt, Secret);
        byte[] info = [.. Encoding.UTF8.GetBytes("yiju-lottery-v1" + "03 07 12"), 0x01];
        var okm = HMACSHA256.HashData(prk, info);
        Assert.Equal(okm, LotteryAlgorithm.DeriveSeed(Secret, entrantsHash, rulesHash, "03 07 12"));
    }

    [Fact]
    public void Counter_stream_is_sha256_of_seed_and_big_endian_counter()
    {
        var seed = SHA256.HashData("seed"u8);
        var stream = new LotteryAlgorithm.CounterStream(seed);
        var block0 = SHA256.HashData([.. seed, 0, 0, 0, 0, 0, 0, 0, 0]);
        var block1 = SHA256.HashData([.. seed, 0, 0, 0, 0, 0, 0, 0, 1]);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(block0.AsSpan(i * 4)), stream.NextUInt32());
        }
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(block1), stream.NextUInt32());
        Assert.Equal(2UL, stream.BlocksUsed);
    }

    [Fact]
    public void Python_reference_verifier_agrees()
    {
        var python = FindOnPath("python3");
        Assert.SkipWhen(python is null, "python3 is not installed, so the reference verifier cannot run");
        var script = Path.Combine(RepoRoot(), "docs", "modules", "housing_lottery_verify.py");

        var pub = Publication();
        LotteryFiles.Write(_folder, pub, pub.Draw(Secret, "03 07 12 19 25 31 09", new DateTime(2026, 1, 8, 0, 0, 0, DateTimeKind.Utc)));
        var (code, output) = Run(python!, script, _folder);
        Assert.True(code == 0, output);

        // Larger, with every tier and room count in play.
        var rnd = new Random(7);
        var big = LotteryPublication.Prepare(
            new LotteryRules { LotteryId = "KAT-2", Title = "较大的测试", Tiers = [new(1, "一"), new(2, "二"), new(3, "三")] },
            Enumerable.Range(0, 3000).Select(i => new LotteryEntrant($"A{i:D5}", 1 + rnd.Next(3), 1 + rnd.Next(7))),
            Enumerable.Range(0, 700).Select(i => new LotteryFlat($"F{i:D4}", rnd.Next(4))),
            "测试来源", SHA256.HashData(Secret), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        LotteryFiles.Write(_folder, big, big.Draw(Secret, "红球 01 02 03 04 05 06 蓝球 07", new DateTime(2026, 1, 8, 0, 0, 0, DateTimeKind.Utc)));
        (code, output) = Run(python!, script, _folder);
        Assert.True(code == 0, output);

        var result = Path.Combine(_folder, LotteryFiles.Result);
        File.WriteAllText(result, File.ReadAllText(result).Replace(",1,", ",2,", StringComparison.Ordinal));
        (code, output) = Run(python!, script, _folder);
        Assert.Equal(1, code);
        Assert.Contains("result.csv differs", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output) Run(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yiju.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (Yiju.slnx) not found.");
    }
}
