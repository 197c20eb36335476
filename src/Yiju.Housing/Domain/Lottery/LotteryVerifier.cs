using System.Globalization;
using System.Security.Cryptography;
using static Yiju.Housing.Domain.Lottery.LotteryFormats;

namespace Yiju.Housing.Domain.Lottery;

/// <summary>What a verification found. <see cref="Passed"/> only when there are no findings.</summary>
public sealed record LotteryVerificationReport(
    IReadOnlyList<Reason> Findings,
    string? LotteryId,
    string? CommitmentFileSha256,
    string? PublicRandomSource,
    string? PublicRandomValue,
    int EntrantCount,
    int FlatCount,
    int AllocatedCount)
{
    public bool Passed => Findings.Count == 0;

    public bool Has(string code) => Findings.Any(f => string.Equals(f.Code, code, StringComparison.Ordinal));

    /// <summary>The report as lines of text, for the command line and the public page alike.</summary>
    public IReadOnlyList<string> Describe()
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"摇号 Lottery: {LotteryId ?? "?"}",
            $"commitment.json SHA-256: {CommitmentFileSha256 ?? "?"}（请与摇号前公告中的值核对 / compare with the pre-draw notice）",
            $"公开随机数来源 Public source: {PublicRandomSource ?? "?"}",
            $"公开随机数 Public value: {PublicRandomValue ?? "?"}",
            string.Create(ci, $"家庭 Entrants: {EntrantCount}，房源 Flats: {FlatCount}，配租 Allocated: {AllocatedCount}"),
        };
        if (Passed)
        {
            lines.Add("验证通过 PASSED：所有哈希、密钥承诺和摇号结果均与公开文件一致");
        }
        else
        {
            lines.Add(string.Create(ci, $"验证失败 FAILED：{Findings.Count} 项问题"));
            lines.AddRange(Findings.Select(f => $"  [{f.Code}] {f.Text}"));
        }
        return lines;
    }
}

/// <summary>
/// Re-checks a published lottery folder from its files alone: every hash, the commitment to the secret,
/// and the draw itself, re-run and compared line by line with result.csv. It reports every failure it can find,
/// not just the first, so that a tampered list and the result it changed are both named.
/// </summary>
public static class LotteryVerifier
{
    public const string MissingFile = "missing_file";
    public const string Malformed = "malformed_file";
    public const string EntrantsHashMismatch = "entrants_hash_mismatch";
    public const string EntrantsCountMismatch = "entrants_count_mismatch";
    public const string RulesHashMismatch = "rules_hash_mismatch";
    public const string FlatsHashMismatch = "flats_hash_mismatch";
    public const string LotteryIdMismatch = "lottery_id_mismatch";
    public const string AlgorithmUnsupported = "algorithm_unsupported";
    public const string SecretTooShort = "secret_too_short";
    public const string SecretCommitmentMismatch = "secret_commitment_mismatch";
    public const string SeedMismatch = "seed_mismatch";
    public const string ResultMismatch = "result_mismatch";
    public const string NoEntrants = "no_entrants";
    public const string NoFlats = "no_flats";

    /// <summary>Verifies a published folder on disk (what <c>yiju housing lottery verify &lt;folder&gt;</c> runs).</summary>
    public static LotteryVerificationReport Verify(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in LotteryFiles.All)
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                files[name] = File.ReadAllBytes(path);
            }
        }
        return Verify(files);
    }

    /// <summary>Verifies files given by name (e.g. uploaded on the public verification page); absent names are reported missing.</summary>
    public static LotteryVerificationReport Verify(IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var findings = new List<Reason>();
        var ci = CultureInfo.InvariantCulture;

        byte[]? Read(string name)
        {
            if (files.TryGetValue(name, out var bytes))
            {
                return bytes;
            }
            findings.Add(new(MissingFile, $"缺少文件 {name}"));
            return null;
        }

        var entrantsBytes = Read(LotteryFiles.Entrants);
        var flatsBytes = Read(LotteryFiles.Flats);
        var rulesBytes = Read(LotteryFiles.Rules);
        var commitmentBytes = Read(LotteryFiles.Commitment);
        var drawBytes = Read(LotteryFiles.Draw);
        var resultBytes = Read(LotteryFiles.Result);

        T? Try<T>(Func<T> parse) where T : class
        {
            try
            {
                return parse();
            }
            catch (FormatException ex)
            {
                findings.Add(new(Malformed, $"文件格式错误：{ex.Message}"));
                return null;
            }
        }

        var commitment = commitmentBytes is null ? null : Try(() => LotteryPublication.ParseCanonicalObject(commitmentBytes, LotteryFiles.Commitment));
        var draw = drawBytes is null ? null : Try(() => LotteryPublication.ParseCanonicalObject(drawBytes, LotteryFiles.Draw));
        var entrants = entrantsBytes is null ? null : Try(() => LotteryPublication.ParseEntrants(entrantsBytes));
        var flats = flatsBytes is null ? null : Try(() => LotteryPublication.ParseFlats(flatsBytes));
        LotteryRules? rules = null;
        SortedDictionary<string, object>? rulesObj = null;
        if (rulesBytes is not null)
        {
            rulesObj = Try(() => LotteryPublication.ParseCanonicalObject(rulesBytes, LotteryFiles.Rules));
            if (rulesObj is not null)
            {
                if (rulesObj.TryGetValue("algorithm", out var alg) && alg is string a && !string.Equals(a, LotteryAlgorithm.Version, StringComparison.Ordinal))
                {
                    findings.Add(new(AlgorithmUnsupported, $"规则声明的算法“{a}”不是本验证程序实现的 {LotteryAlgorithm.Version}"));
                }
                else
                {
                    rules = Try(() => LotteryPublication.ParseRules(rulesBytes));
                }
            }
        }

        string? Field(SortedDictionary<string, object>? o, string file, string key)
        {
            if (o is null)
            {
                return null;
            }
            if (o.TryGetValue(key, out var v) && v is string s)
            {
                return s;
            }
            findings.Add(new(Malformed, $"文件格式错误：{file} 缺少字段 \"{key}\""));
            return null;
        }

        if (entrants is { Length: 0 })
        {
            findings.Add(new(NoEntrants, "摇号名单中没有任何家庭，这不是一次有效的摇号"));
        }
        if (flats is { Length: 0 })
        {
            findings.Add(new(NoFlats, "房源清单中没有任何房源，这不是一次有效的摇号"));
        }

        var entrantsHash = entrantsBytes is null ? null : SHA256.HashData(entrantsBytes);
        var rulesHash = rulesBytes is null ? null : SHA256.HashData(rulesBytes);

        // Hashes against the commitment: the list and rules must be byte-for-byte what was announced before the draw.
        var committedEntrants = Field(commitment, LotteryFiles.Commitment, "entrants_sha256");
        if (committedEntrants is not null && entrantsHash is not null && !string.Equals(committedEntrants, Hex(entrantsHash), StringComparison.Ordinal))
        {
            findings.Add(new(EntrantsHashMismatch, $"摇号名单 entrants.csv 的SHA-256为 {Hex(entrantsHash)}，与事先公布的 {committedEntrants} 不符：名单在公布后被改动"));
        }
        if (commitment is not null && entrants is not null && commitment.TryGetValue("entrants_count", out var count) && count is long n && n != entrants.Length)
        {
            findings.Add(new(EntrantsCountMismatch, string.Create(ci, $"摇号名单有 {entrants.Length} 户，事先公布为 {n} 户")));
        }
        var committedRules = Field(commitment, LotteryFiles.Commitment, "rules_sha256");
        if (committedRules is not null && rulesHash is not null && !string.Equals(committedRules, Hex(rulesHash), StringComparison.Ordinal))
        {
            findings.Add(new(RulesHashMismatch, $"摇号规则 rules.json 的SHA-256为 {Hex(rulesHash)}，与事先公布的 {committedRules} 不符：规则在公布后被改动"));
        }
        var committedFlats = Field(rulesObj, LotteryFiles.Rules, "flats_sha256");
        if (committedFlats is not null && flatsBytes is not null)
        {
            var flatsHash = Hex(SHA256.HashData(flatsBytes));
            if (!string.Equals(committedFlats, flatsHash, StringComparison.Ordinal))
            {
                findings.Add(new(FlatsHashMismatch, $"房源清单 flats.csv 的SHA-256为 {flatsHash}，与规则中公布的 {committedFlats} 不符：房源在公布后被改动"));
            }
        }

        var lotteryId = Field(commitment, LotteryFiles.Commitment, "lottery_id");
        foreach (var (file, other) in new[] { (LotteryFiles.Rules, rules?.LotteryId), (LotteryFiles.Draw, Field(draw, LotteryFiles.Draw, "lottery_id")) })
        {
            if (lotteryId is not null && other is not null && !string.Equals(lotteryId, other, StringComparison.Ordinal))
            {
                findings.Add(new(LotteryIdMismatch, $"{file} 属于摇号“{other}”，而承诺文件属于“{lotteryId}”"));
            }
        }

        // The secret revealed at the draw must be the one committed to before it.
        byte[]? secret = null;
        var secretHex = Field(draw, LotteryFiles.Draw, "secret_hex");
        if (secretHex is not null)
        {
            secret = Try(() => HexBytes(secretHex, "draw.json secret_hex"));
            if (secret is not null && secret.Length < LotterySecret.MinimumBytes)
            {
                findings.Add(new(SecretTooShort, string.Create(ci, $"公开的操作员密钥只有 {secret.Length} 字节，至少需要 {LotterySecret.MinimumBytes} 字节")));
            }
            var committedSecret = Field(commitment, LotteryFiles.Commitment, "secret_commitment_sha256");
            if (secret is not null && committedSecret is not null && !string.Equals(committedSecret, Hex(SHA256.HashData(secret)), StringComparison.Ordinal))
            {
                findings.Add(new(SecretCommitmentMismatch, $"公开的操作员密钥的SHA-256为 {Hex(SHA256.HashData(secret))}，与事先承诺的 {committedSecret} 不符：密钥不是事先承诺的那一个"));
            }
        }
        var publicValue = Field(draw, LotteryFiles.Draw, "public_random_value");

        var allocated = 0;
        if (secret is not null && publicValue is not null && entrantsHash is not null && rulesHash is not null
            && entrants is not null && flats is not null && rules is not null)
        {
            var seed = LotteryAlgorithm.DeriveSeed(secret, entrantsHash, rulesHash, publicValue);
            var seedHex = Field(draw, LotteryFiles.Draw, "seed_hex");
            if (seedHex is not null && !string.Equals(seedHex, Hex(seed), StringComparison.Ordinal))
            {
                findings.Add(new(SeedMismatch, $"由公开数据重新计算的种子为 {Hex(seed)}，与 draw.json 中的 {seedHex} 不符"));
            }
            var expected = LotteryAlgorithm.Draw(entrants, flats, rules.Matching, seed);
            allocated = expected.Count(p => p.FlatId is not null);
            if (resultBytes is not null)
            {
                CompareResult(LotteryPublication.WriteResult(expected), resultBytes, findings);
            }
        }
        else if (resultBytes is not null)
        {
            findings.Add(new(ResultMismatch, "由于上述问题无法重新摇号，摇号结果未能验证"));
        }

        return new LotteryVerificationReport(
            findings,
            lotteryId,
            commitmentBytes is null ? null : Hex(SHA256.HashData(commitmentBytes)),
            Field(commitment, LotteryFiles.Commitment, "public_random_source"),
            publicValue,
            entrants?.Length ?? 0,
            flats?.Length ?? 0,
            allocated);
    }

    private static void CompareResult(byte[] expected, byte[] actual, List<Reason> findings)
    {
        if (expected.AsSpan().SequenceEqual(actual))
        {
            return;
        }
        var ci = CultureInfo.InvariantCulture;
        string[] exp = DecodeUtf8(expected).Split('\n');
        string[] act;
        try
        {
            act = DecodeUtf8(actual).Split('\n');
        }
        catch (System.Text.DecoderFallbackException)
        {
            findings.Add(new(ResultMismatch, "result.csv 不是有效的UTF-8文本"));
            return;
        }
        var differing = 0;
        var first = -1;
        var max = Math.Max(exp.Length, act.Length);
        for (var i = 0; i < max; i++)
        {
            var e = i < exp.Length ? exp[i] : null;
            var a = i < act.Length ? act[i] : null;
            if (!string.Equals(e, a, StringComparison.Ordinal))
            {
                differing++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }
        if (differing == 0)
        {
            findings.Add(new(ResultMismatch, "result.csv 与重新摇号的结果在字节上不一致（行尾或编码不同）"));
            return;
        }
        var expLine = first < exp.Length ? exp[first] : "（无此行）";
        var actLine = first < act.Length ? act[first] : "（无此行）";
        findings.Add(new(ResultMismatch, string.Create(ci,
            $"result.csv 与重新摇号的结果不一致：共 {differing} 行不同；第 {first + 1} 行应为“{expLine}”，实际为“{actLine}”")));
    }
}
