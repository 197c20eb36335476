using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Yiju.Housing.Domain.Stock;
using static Yiju.Housing.Domain.Lottery.LotteryFormats;

namespace Yiju.Housing.Domain.Lottery;

/// <summary>
/// Everything published before the draw: the frozen entrant list, the flats, the rules and the commitment.
/// Once published these bytes never change; the draw only adds draw.json and result.csv.
/// </summary>
public sealed class LotteryPublication
{
    private LotteryPublication(LotteryRules rules, LotteryEntrant[] entrants, LotteryFlat[] flats, string source, DateTime publishedAtUtc,
        byte[] secretCommitment, byte[] entrantsCsv, byte[] flatsCsv, byte[] rulesJson, byte[] commitmentJson)
    {
        Rules = rules;
        Entrants = entrants;
        Flats = flats;
        PublicRandomSource = source;
        PublishedAtUtc = publishedAtUtc;
        SecretCommitment = secretCommitment;
        EntrantsCsv = entrantsCsv;
        FlatsCsv = flatsCsv;
        RulesJson = rulesJson;
        CommitmentJson = commitmentJson;
    }

    public LotteryRules Rules { get; }
    public string LotteryId => Rules.LotteryId;

    /// <summary>Sorted by entrant id (ordinal), as in entrants.csv.</summary>
    public IReadOnlyList<LotteryEntrant> Entrants { get; }

    /// <summary>Sorted by flat id (ordinal), as in flats.csv.</summary>
    public IReadOnlyList<LotteryFlat> Flats { get; }

    /// <summary>The named future public value, e.g. "中国福利彩票双色球 第2026135期 开奖号码（红球按开奖顺序，空格分隔，后接蓝球）".</summary>
    public string PublicRandomSource { get; }

    public DateTime PublishedAtUtc { get; }
    public byte[] SecretCommitment { get; }
    public byte[] EntrantsCsv { get; }
    public byte[] FlatsCsv { get; }
    public byte[] RulesJson { get; }
    public byte[] CommitmentJson { get; }

    public byte[] EntrantsSha256 => SHA256.HashData(EntrantsCsv);
    public byte[] RulesSha256 => SHA256.HashData(RulesJson);

    /// <summary>SHA-256 of commitment.json itself: the one value to print in the pre-draw notice, since it pins all the others.</summary>
    public string CommitmentFileSha256Hex => Hex(SHA256.HashData(CommitmentJson));

    /// <param name="secretCommitment">SHA-256 of the operator's secret; the secret itself stays with the operator until the draw.</param>
    public static LotteryPublication Prepare(LotteryRules rules, IEnumerable<LotteryEntrant> entrants, IEnumerable<LotteryFlat> flats,
        string publicRandomSource, ReadOnlySpan<byte> secretCommitment, DateTime publishedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(entrants);
        ArgumentNullException.ThrowIfNull(flats);
        var e = entrants.ToArray();
        var f = flats.ToArray();
        if (e.Length == 0)
        {
            throw new LotteryException("no_entrants", "没有参加摇号的家庭，不能摇号");
        }
        if (f.Length == 0)
        {
            throw new LotteryException("no_flats", "没有可供摇号配租的房源，不能摇号");
        }
        if (string.IsNullOrWhiteSpace(publicRandomSource))
        {
            throw new LotteryException("public_source_missing", "必须事先指定一个未来公开的随机数来源");
        }
        if (secretCommitment.Length != 32)
        {
            throw new LotteryException("commitment_invalid", "操作员密钥承诺必须是32字节的SHA-256值");
        }
        CheckRules(rules);
        Array.Sort(e, (a, b) => string.CompareOrdinal(a.EntrantId, b.EntrantId));
        Array.Sort(f, (a, b) => string.CompareOrdinal(a.FlatId, b.FlatId));
        var declared = rules.Tiers.Select(t => t.Tier).ToHashSet();
        for (var i = 0; i < e.Length; i++)
        {
            if (!IsValidId(e[i].EntrantId))
            {
                throw new LotteryException("entrant_id_invalid", $"编号“{e[i].EntrantId}”无效：只能使用字母、数字、'-'和'_'，最多64个字符");
            }
            if (i > 0 && string.Equals(e[i].EntrantId, e[i - 1].EntrantId, StringComparison.Ordinal))
            {
                throw new LotteryException("entrant_duplicate", $"家庭“{e[i].EntrantId}”在名单中重复出现");
            }
            if (!declared.Contains(e[i].Tier))
            {
                throw new LotteryException("tier_undeclared", string.Create(CultureInfo.InvariantCulture, $"家庭“{e[i].EntrantId}”的优先等级{e[i].Tier}未在规则中定义"));
            }
            if (e[i].HouseholdSize is < 1 or > 99)
            {
                throw new LotteryException("household_size_invalid", $"家庭“{e[i].EntrantId}”的人口数无效");
            }
        }
        for (var i = 0; i < f.Length; i++)
        {
            if (!IsValidId(f[i].FlatId))
            {
                throw new LotteryException("flat_id_invalid", $"房源编号“{f[i].FlatId}”无效：只能使用字母、数字、'-'和'_'，最多64个字符");
            }
            if (i > 0 && string.Equals(f[i].FlatId, f[i - 1].FlatId, StringComparison.Ordinal))
            {
                throw new LotteryException("flat_duplicate", $"房源“{f[i].FlatId}”重复出现");
            }
            if (f[i].Rooms is < 0 or > 20)
            {
                throw new LotteryException("flat_rooms_invalid", $"房源“{f[i].FlatId}”的居室数无效");
            }
        }

        var entrantsCsv = WriteEntrants(e);
        var flatsCsv = WriteFlats(f);
        var rulesJson = WriteRules(rules, f.Length, SHA256.HashData(flatsCsv));
        var commitment = Obj();
        commitment["algorithm"] = LotteryAlgorithm.Version;
        commitment["entrants_count"] = e.Length;
        commitment["entrants_sha256"] = Hex(SHA256.HashData(entrantsCsv));
        commitment["lottery_id"] = rules.LotteryId;
        commitment["public_random_source"] = publicRandomSource.Trim();
        commitment["published_at_utc"] = Utc(publishedAtUtc);
        commitment["rules_sha256"] = Hex(SHA256.HashData(rulesJson));
        commitment["secret_commitment_sha256"] = Hex(secretCommitment);
        return new LotteryPublication(rules, e, f, publicRandomSource.Trim(), publishedAtUtc, secretCommitment.ToArray(),
            entrantsCsv, flatsCsv, rulesJson, CanonicalJson(commitment));
    }

    /// <summary>Reads a publication back from its files (for a draw on another day, or by the verifier). Throws <see cref="FormatException"/> naming the file and line.</summary>
    public static LotteryPublication Load(byte[] entrantsCsv, byte[] flatsCsv, byte[] rulesJson, byte[] commitmentJson)
    {
        ArgumentNullException.ThrowIfNull(entrantsCsv);
        ArgumentNullException.ThrowIfNull(flatsCsv);
        ArgumentNullException.ThrowIfNull(rulesJson);
        ArgumentNullException.ThrowIfNull(commitmentJson);
        var entrants = ParseEntrants(entrantsCsv);
        var flats = ParseFlats(flatsCsv);
        var rules = ParseRules(rulesJson);
        if (entrants.Length == 0)
        {
            throw new LotteryException("no_entrants", "没有参加摇号的家庭，不能摇号");
        }
        if (flats.Length == 0)
        {
            throw new LotteryException("no_flats", "没有可供摇号配租的房源，不能摇号");
        }
        var c = ParseCanonicalObject(commitmentJson, LotteryFiles.Commitment);
        var published = DateTime.ParseExact(GetString(c, "published_at_utc"), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var commitment = HexBytes(GetString(c, "secret_commitment_sha256"), "secret_commitment_sha256");
        // A draw must never run on files that differ from what was announced.
        if (!string.Equals(GetString(c, "entrants_sha256"), Hex(SHA256.HashData(entrantsCsv)), StringComparison.Ordinal))
        {
            throw new LotteryException("entrants_hash_mismatch", "摇号名单与公布的哈希值不符，名单在公布后被改动");
        }
        if (!string.Equals(GetString(c, "rules_sha256"), Hex(SHA256.HashData(rulesJson)), StringComparison.Ordinal))
        {
            throw new LotteryException("rules_hash_mismatch", "摇号规则与公布的哈希值不符");
        }
        if (!string.Equals(FlatsSha256Hex(rulesJson), Hex(SHA256.HashData(flatsCsv)), StringComparison.Ordinal))
        {
            throw new LotteryException("flats_hash_mismatch", "房源清单与规则中公布的哈希值不符");
        }
        return new LotteryPublication(rules, entrants, flats, GetString(c, "public_random_source"), published, commitment,
            entrantsCsv, flatsCsv, rulesJson, commitmentJson);
    }

    /// <summary>
    /// Runs the draw once the public random value is known. Refuses a secret that does not match the commitment:
    /// a draw with any other secret would be a different, unverifiable lottery.
    /// </summary>
    public LotteryOutcome Draw(ReadOnlySpan<byte> secret, string publicRandomValue, DateTime drawnAtUtc)
    {
        if (secret.Length < LotterySecret.MinimumBytes)
        {
            throw new LotteryException("secret_too_short", "操作员密钥至少需要32字节");
        }
        if (!CryptographicOperations.FixedTimeEquals(LotterySecret.Commitment(secret), SecretCommitment))
        {
            throw new LotteryException("secret_mismatch", "操作员密钥与事先公布的承诺值不符");
        }
        if (string.IsNullOrWhiteSpace(publicRandomValue))
        {
            throw new LotteryException("public_value_missing", "缺少公开随机数的开奖值");
        }
        var seed = LotteryAlgorithm.DeriveSeed(secret, EntrantsSha256, RulesSha256, publicRandomValue);
        var placements = LotteryAlgorithm.Draw(Entrants, Flats, Rules.Matching, seed);
        var draw = Obj();
        draw["drawn_at_utc"] = Utc(drawnAtUtc);
        draw["lottery_id"] = LotteryId;
        draw["public_random_value"] = publicRandomValue;
        draw["secret_hex"] = Hex(secret);
        draw["seed_hex"] = Hex(seed);
        return new LotteryOutcome(placements, seed, CanonicalJson(draw), WriteResult(placements));
    }

    internal static void CheckRules(LotteryRules rules)
    {
        if (!IsValidId(rules.LotteryId))
        {
            throw new LotteryException("lottery_id_invalid", "摇号编号无效：只能使用字母、数字、'-'和'_'");
        }
        if (rules.Tiers.Count == 0 || rules.Tiers.Any(t => t.Tier < 1) || rules.Tiers.Select(t => t.Tier).Distinct().Count() != rules.Tiers.Count)
        {
            throw new LotteryException("tiers_invalid", "优先等级必须是不重复的正整数，且至少有一个");
        }
        var issues = rules.Matching.Validate();
        if (issues.Count > 0)
        {
            throw new LotteryException(issues[0].Code, issues[0].Text);
        }
    }

    internal static byte[] WriteEntrants(IReadOnlyList<LotteryEntrant> sorted)
    {
        var sb = new StringBuilder(sorted.Count * 24).Append(EntrantsHeader).Append('\n');
        foreach (var e in sorted)
        {
            sb.Append(e.EntrantId).Append(',').Append(Int(e.Tier)).Append(',').Append(Int(e.HouseholdSize)).Append('\n');
        }
        return Utf8(sb.ToString());
    }

    internal static byte[] WriteFlats(IReadOnlyList<LotteryFlat> sorted)
    {
        var sb = new StringBuilder(sorted.Count * 16).Append(FlatsHeader).Append('\n');
        foreach (var f in sorted)
        {
            sb.Append(f.FlatId).Append(',').Append(Int(f.Rooms)).Append('\n');
        }
        return Utf8(sb.ToString());
    }

    internal static byte[] WriteResult(IReadOnlyList<LotteryPlacement> placements)
    {
        var sb = new StringBuilder(placements.Count * 32).Append(ResultHeader).Append('\n');
        foreach (var p in placements)
        {
            sb.Append(Int(p.Rank)).Append(',').Append(p.EntrantId).Append(',').Append(Int(p.Tier)).Append(',').Append(p.FlatId ?? "").Append('\n');
        }
        return Utf8(sb.ToString());
    }

    internal static byte[] WriteRules(LotteryRules rules, int flatCount, byte[] flatsSha256)
    {
        var o = Obj();
        o["algorithm"] = LotteryAlgorithm.Version;
        o["flats_count"] = flatCount;
        o["flats_sha256"] = Hex(flatsSha256);
        o["lottery_id"] = rules.LotteryId;
        o["size_bands"] = rules.Matching.Bands.OrderBy(b => b.MinPersons).Select(b =>
        {
            var band = Obj();
            band["max_persons"] = b.MaxPersons;
            band["max_rooms"] = b.MaxRooms;
            band["min_persons"] = b.MinPersons;
            band["min_rooms"] = b.MinRooms;
            return (object)band;
        }).ToList();
        o["tiers"] = rules.Tiers.OrderBy(t => t.Tier).Select(t =>
        {
            var tier = Obj();
            tier["description"] = t.Description;
            tier["tier"] = t.Tier;
            return (object)tier;
        }).ToList();
        o["title"] = rules.Title;
        return CanonicalJson(o);
    }

    internal static SortedDictionary<string, object> ParseCanonicalObject(byte[] bytes, string file)
    {
        object parsed;
        try
        {
            parsed = ParseJson(bytes);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{file}: {ex.Message}", ex);
        }
        if (parsed is not SortedDictionary<string, object> o)
        {
            throw new FormatException($"{file}: the top level must be an object.");
        }
        if (!CanonicalJson(o).AsSpan().SequenceEqual(bytes))
        {
            throw new FormatException($"{file}: not in canonical form (sorted keys, no spaces, UTF-8, no trailing newline).");
        }
        return o;
    }

    internal static LotteryRules ParseRules(byte[] bytes)
    {
        var o = ParseCanonicalObject(bytes, LotteryFiles.Rules);
        var algorithm = GetString(o, "algorithm");
        if (!string.Equals(algorithm, LotteryAlgorithm.Version, StringComparison.Ordinal))
        {
            throw new FormatException($"{LotteryFiles.Rules}: algorithm \"{algorithm}\" is not supported (expected {LotteryAlgorithm.Version}).");
        }
        var bands = GetList(o, "size_bands").Select(b => new FlatSizeBand(
            (int)GetLong(b, "min_persons"), (int)GetLong(b, "max_persons"), (int)GetLong(b, "min_rooms"), (int)GetLong(b, "max_rooms"))).ToList();
        var tiers = GetList(o, "tiers").Select(t => new LotteryTier((int)GetLong(t, "tier"),
            t is SortedDictionary<string, object> d ? GetString(d, "description") : "")).ToList();
        var rules = new LotteryRules
        {
            LotteryId = GetString(o, "lottery_id"),
            Title = GetString(o, "title"),
            Tiers = tiers,
            Matching = new FlatMatchingRules { Bands = bands },
        };
        try
        {
            CheckRules(rules);
        }
        catch (LotteryException ex)
        {
            throw new FormatException($"{LotteryFiles.Rules}: {ex.Message}", ex);
        }
        return rules;
    }

    internal static string FlatsSha256Hex(byte[] rulesJson) => GetString(ParseCanonicalObject(rulesJson, LotteryFiles.Rules), "flats_sha256");

    internal static LotteryEntrant[] ParseEntrants(byte[] bytes)
    {
        var rows = ParseCsv(bytes, LotteryFiles.Entrants, EntrantsHeader, 3, (1, 1_000_000), (1, 99));
        var result = new LotteryEntrant[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var (line, id, tier, size) = rows[i];
            result[i] = new LotteryEntrant(id, tier, size);
            if (i > 0 && string.CompareOrdinal(result[i - 1].EntrantId, id) >= 0)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{LotteryFiles.Entrants} line {line}: ids must be unique and in ascending ordinal order."));
            }
        }
        return result;
    }

    internal static LotteryFlat[] ParseFlats(byte[] bytes)
    {
        var rows = ParseCsv(bytes, LotteryFiles.Flats, FlatsHeader, 2, (0, 20), (0, 0));
        var result = new LotteryFlat[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var (line, id, rooms, _) = rows[i];
            result[i] = new LotteryFlat(id, rooms);
            if (i > 0 && string.CompareOrdinal(result[i - 1].FlatId, id) >= 0)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{LotteryFiles.Flats} line {line}: ids must be unique and in ascending ordinal order."));
            }
        }
        return result;
    }

    /// <summary>
    /// Strict reader for the published CSVs: an id column then one or two canonical integers. Anything a
    /// re-implementation could read differently (BOM, CR, quoting, spaces, leading zeros) is refused.
    /// </summary>
    internal static List<(int Line, string Id, int First, int Second)> ParseCsv(byte[] bytes, string file, string header, int columns,
        (int Min, int Max) first, (int Min, int Max) second)
    {
        string text;
        try
        {
            text = DecodeUtf8(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException($"{file}: not valid UTF-8.", ex);
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            throw new FormatException($"{file}: must not start with a byte-order mark.");
        }
        if (text.Contains('\r', StringComparison.Ordinal))
        {
            throw new FormatException($"{file}: lines must end with LF only.");
        }
        if (!text.EndsWith('\n'))
        {
            throw new FormatException($"{file}: the last line must end with LF.");
        }
        var rest = text.AsSpan();
        var nl = rest.IndexOf('\n');
        if (!rest[..nl].SequenceEqual(header))
        {
            throw new FormatException($"{file}: the header must be \"{header}\".");
        }
        rest = rest[(nl + 1)..];
        var rows = new List<(int, string, int, int)>(bytes.Length / 16);
        var line = 1;
        while (!rest.IsEmpty)
        {
            line++;
            nl = rest.IndexOf('\n');
            var row = rest[..nl];
            rest = rest[(nl + 1)..];
            var c1 = row.IndexOf(',');
            var afterId = c1 < 0 ? [] : row[(c1 + 1)..];
            var c2 = afterId.IndexOf(',');
            var fields = c1 < 0 ? 1 : c2 < 0 ? 2 : 3 + afterId[(c2 + 1)..].Count(',');
            if (fields != columns)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{file} line {line}: expected {columns} fields."));
            }
            var id = row[..c1];
            if (!IsValidId(id))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{file} line {line}: invalid id \"{id}\"."));
            }
            var a = ParseInt(columns == 2 ? afterId : afterId[..c2], file, line, first.Min, first.Max);
            var b = columns == 2 ? 0 : ParseInt(afterId[(c2 + 1)..], file, line, second.Min, second.Max);
            rows.Add((line, id.ToString(), a, b));
        }
        return rows;
    }

    internal static int ParseInt(ReadOnlySpan<char> s, string file, int line, int min, int max)
    {
        // Canonical decimal only: no sign, no leading zeros, so each number has exactly one spelling.
        if (s.Length is 0 or > 9 || s.ContainsAnyExceptInRange('0', '9') || (s.Length > 1 && s[0] == '0'))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{file} line {line}: \"{s}\" is not a canonical integer."));
        }
        var v = 0;
        foreach (var c in s)
        {
            v = (v * 10) + (c - '0');
        }
        if (v < min || v > max)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{file} line {line}: {v} is outside [{min}, {max}]."));
        }
        return v;
    }
}

/// <summary>The draw's result and the two files it adds to the publication.</summary>
public sealed record LotteryOutcome(IReadOnlyList<LotteryPlacement> Placements, byte[] Seed, byte[] DrawJson, byte[] ResultCsv)
{
    public int AllocatedCount => Placements.Count(p => p.FlatId is not null);
}

/// <summary>The published folder's file names and writing.</summary>
public static class LotteryFiles
{
    public const string Entrants = "entrants.csv";
    public const string Flats = "flats.csv";
    public const string Rules = "rules.json";
    public const string Commitment = "commitment.json";
    public const string Draw = "draw.json";
    public const string Result = "result.csv";

    public static IReadOnlyList<string> All { get; } = [Entrants, Flats, Rules, Commitment, Draw, Result];

    /// <summary>Writes the pre-draw files, and the draw files when <paramref name="outcome"/> is given.</summary>
    public static void Write(string folder, LotteryPublication publication, LotteryOutcome? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(publication);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, Entrants), publication.EntrantsCsv);
        File.WriteAllBytes(Path.Combine(folder, Flats), publication.FlatsCsv);
        File.WriteAllBytes(Path.Combine(folder, Rules), publication.RulesJson);
        File.WriteAllBytes(Path.Combine(folder, Commitment), publication.CommitmentJson);
        if (outcome is not null)
        {
            File.WriteAllBytes(Path.Combine(folder, Draw), outcome.DrawJson);
            File.WriteAllBytes(Path.Combine(folder, Result), outcome.ResultCsv);
        }
    }

    public static LotteryPublication Load(string folder) => LotteryPublication.Load(
        File.ReadAllBytes(Path.Combine(folder, Entrants)),
        File.ReadAllBytes(Path.Combine(folder, Flats)),
        File.ReadAllBytes(Path.Combine(folder, Rules)),
        File.ReadAllBytes(Path.Combine(folder, Commitment)));
}
