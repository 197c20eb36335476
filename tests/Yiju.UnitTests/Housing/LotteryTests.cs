using System.Security.Cryptography;
using System.Text;
using Yiju.Housing.Domain.Lottery;
using Yiju.Housing.Domain.Stock;

namespace Yiju.UnitTests.Housing;

public sealed class LotteryTests : IDisposable
{
    private static readonly DateTime Published = new(2026, 11, 20, 1, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Drawn = new(2026, 11, 25, 12, 30, 0, DateTimeKind.Utc);
    private const string Source = "中国福利彩票双色球 第2026135期 开奖号码（红球按从小到大顺序、蓝球在后，空格分隔）";
    private const string PublicValue = "03 07 12 19 25 31 09";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "yiju-lottery-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _secret = SHA256.HashData(Encoding.UTF8.GetBytes("test secret, fixed so failures reproduce"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static LotteryRules Rules(string id = "GZ-2026-01") => new()
    {
        LotteryId = id,
        Title = "2026年第一批公租房摇号配租",
        Tiers = [new(1, "特殊困难、残疾、退役军人家庭"), new(2, "多子女家庭、老年人家庭"), new(3, "其他家庭")],
        Matching = FlatMatchingRules.Default,
    };

    private static List<LotteryEntrant> Entrants(int count, int seed = 1)
    {
        var rnd = new Random(seed);
        return Enumerable.Range(1, count).Select(i => new LotteryEntrant($"GZ2026-{i:D6}", 1 + rnd.Next(3), 1 + rnd.Next(6))).ToList();
    }

    private static List<LotteryFlat> Flats(int count) =>
        Enumerable.Range(1, count).Select(i => new LotteryFlat($"XF-{i:D5}", i % 4)).ToList();

    private LotteryPublication Publish(IEnumerable<LotteryEntrant> entrants, IEnumerable<LotteryFlat> flats, LotteryRules? rules = null) =>
        LotteryPublication.Prepare(rules ?? Rules(), entrants, flats, Source, LotterySecret.Commitment(_secret), Published);

    private LotteryVerificationReport WriteAndVerify(int entrants = 300, int flats = 120)
    {
        var pub = Publish(Entrants(entrants), Flats(flats));
        LotteryFiles.Write(_folder, pub, pub.Draw(_secret, PublicValue, Drawn));
        return LotteryVerifier.Verify(_folder);
    }

    [Fact]
    public void Same_inputs_give_the_same_result_and_a_different_public_value_another()
    {
        var a = Publish(Entrants(500), Flats(100)).Draw(_secret, PublicValue, Drawn);
        var b = Publish(Entrants(500).AsEnumerable().Reverse(), Flats(100).AsEnumerable().Reverse()).Draw(_secret, PublicValue, Drawn);
        Assert.Equal(a.ResultCsv, b.ResultCsv); // input order does not matter: the list is canonicalised first
        var c = Publish(Entrants(500), Flats(100)).Draw(_secret, "03 07 12 19 25 32 09", Drawn);
        Assert.NotEqual(a.ResultCsv, c.ResultCsv);
    }

    [Fact]
    public void Tiers_are_drawn_in_order_and_flats_match_household_size()
    {
        var outcome = Publish(Entrants(2000), Flats(600)).Draw(_secret, PublicValue, Drawn);
        var tiers = outcome.Placements.Select(p => p.Tier).ToList();
        Assert.Equal(tiers.Order(), tiers);
        Assert.Equal(Enumerable.Range(1, 2000), outcome.Placements.Select(p => p.Rank));

        var rooms = Flats(600).ToDictionary(f => f.FlatId, f => f.Rooms);
        var given = outcome.Placements.Where(p => p.FlatId is not null).ToList();
        Assert.All(given, p => Assert.True(FlatMatchingRules.Default.Matches(p.HouseholdSize, rooms[p.FlatId!]), $"{p.EntrantId} size {p.HouseholdSize} got {rooms[p.FlatId!]} rooms"));
        Assert.Equal(given.Count, given.Select(p => p.FlatId).Distinct().Count());
        // 2,000 entrants for 600 flats: every flat finds a matching household.
        Assert.Equal(600, outcome.AllocatedCount);
    }

    [Fact]
    public void A_household_is_offered_the_largest_allowed_flat_first_then_smaller()
    {
        var entrants = new[] { new LotteryEntrant("A1", 1, 4), new LotteryEntrant("A2", 1, 4), new LotteryEntrant("A3", 1, 4), new LotteryEntrant("B1", 2, 6) };
        var flats = new[] { new LotteryFlat("F1", 2), new LotteryFlat("F2", 1), new LotteryFlat("F3", 3) };
        var outcome = Publish(entrants, flats).Draw(_secret, PublicValue, Drawn);
        var byRank = outcome.Placements.ToList();
        // Tier 1 (4 persons, 1–2 rooms): the first takes the 2-room flat, the second the 1-room, the third nothing;
        // the 6-person household (2–3 rooms) in tier 2 still gets the 3-room flat nobody above could take.
        Assert.Equal("F1", byRank[0].FlatId);
        Assert.Equal("F2", byRank[1].FlatId);
        Assert.Null(byRank[2].FlatId);
        Assert.Equal(("B1", "F3"), (byRank[3].EntrantId, byRank[3].FlatId));
    }

    [Fact]
    public void Shuffle_is_unbiased_over_all_permutations_of_a_small_list()
    {
        // 5 entrants have 120 orders; 24,000 draws with independent seeds should hit each about 200 times.
        var items = new[] { "a", "b", "c", "d", "e" };
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        const int draws = 24_000;
        for (var i = 0; i < draws; i++)
        {
            var seed = SHA256.HashData(BitConverter.GetBytes(i));
            var copy = (string[])items.Clone();
            new LotteryAlgorithm.CounterStream(seed).Shuffle(copy);
            var key = string.Concat(copy);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(120, counts.Count);
        var expected = draws / 120.0;
        var chi = counts.Values.Sum(c => (c - expected) * (c - expected) / expected);
        // 99.9% quantile of chi-square with 119 degrees of freedom is about 172.5 (Wilson–Hilferty).
        Assert.True(chi < 172.5, $"chi-square {chi:F1}");
        // A sanity floor: a broken shuffle that always returns the same order gives an enormous statistic, a perfect-looking one near 0 suggests no randomness was tested.
        Assert.True(chi > 60, $"chi-square {chi:F1} is implausibly small");
    }

    [Fact]
    public void Uniform_integers_have_no_modulo_bias()
    {
        // n = 3·2²⁹: 2³² holds 2⅔ copies of [0, n), so naive x mod n lands below 2³⁰ with probability 3/4;
        // the true probability is 2/3. Rejection sampling must give the latter.
        const int n = 3 << 29;
        var stream = new LotteryAlgorithm.CounterStream(SHA256.HashData("bias"u8));
        var low = 0;
        const int samples = 30_000;
        for (var i = 0; i < samples; i++)
        {
            if (stream.Uniform(n) < (1 << 30))
            {
                low++;
            }
        }
        // Unbiased: 20,000 ± 82 (one standard deviation); naive modulo would give about 22,500.
        Assert.InRange(low, 19_600, 20_400);
    }

    [Fact]
    public void Verification_passes_on_the_exported_files()
    {
        var report = WriteAndVerify();
        Assert.True(report.Passed, string.Join("\n", report.Findings));
        Assert.Equal((300, 120), (report.EntrantCount, report.FlatCount));
        Assert.Equal(PublicValue, report.PublicRandomValue);
        Assert.Equal(Source, report.PublicRandomSource);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_folder, LotteryFiles.Commitment)))), report.CommitmentFileSha256);
    }

    [Fact]
    public void Files_in_memory_verify_like_a_folder_and_the_report_reads_well()
    {
        WriteAndVerify();
        var files = LotteryFiles.All.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(_folder, n)), StringComparer.Ordinal);
        var ok = LotteryVerifier.Verify(files);
        Assert.True(ok.Passed);
        Assert.Contains(ok.Describe(), l => l.StartsWith("验证通过 PASSED", StringComparison.Ordinal));

        files[LotteryFiles.Result] = [.. files[LotteryFiles.Result], .. "extra\n"u8.ToArray()];
        files.Remove(LotteryFiles.Draw);
        var bad = LotteryVerifier.Verify(files);
        var text = bad.Describe();
        Assert.Contains(text, l => l.StartsWith("验证失败 FAILED", StringComparison.Ordinal));
        Assert.Contains(text, l => l.Contains("[missing_file] 缺少文件 draw.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Tampered_entrant_list_is_detected()
    {
        WriteAndVerify();
        var path = Path.Combine(_folder, LotteryFiles.Entrants);
        // Move one household into tier 1, keeping the file well-formed.
        var lines = File.ReadAllText(path).Split('\n');
        var parts = lines[5].Split(',');
        lines[5] = $"{parts[0]},1,{parts[2]}";
        if (lines[5] == string.Join(',', parts))
        {
            lines[5] = $"{parts[0]},2,{parts[2]}";
        }
        File.WriteAllText(path, string.Join('\n', lines));

        var report = LotteryVerifier.Verify(_folder);
        Assert.False(report.Passed);
        Assert.True(report.Has(LotteryVerifier.EntrantsHashMismatch));
        Assert.True(report.Has(LotteryVerifier.ResultMismatch));
    }

    [Fact]
    public void Added_entrant_is_detected()
    {
        WriteAndVerify();
        File.AppendAllText(Path.Combine(_folder, LotteryFiles.Entrants), "ZZ-999999,1,3\n");
        var report = LotteryVerifier.Verify(_folder);
        Assert.True(report.Has(LotteryVerifier.EntrantsHashMismatch));
        Assert.True(report.Has(LotteryVerifier.EntrantsCountMismatch));
    }

    [Fact]
    public void Changed_rules_are_detected()
    {
        WriteAndVerify();
        var path = Path.Combine(_folder, LotteryFiles.Rules);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"min_rooms\":2", "\"min_rooms\":1", StringComparison.Ordinal));
        var report = LotteryVerifier.Verify(_folder);
        Assert.True(report.Has(LotteryVerifier.RulesHashMismatch));
        Assert.False(report.Passed);
    }

    [Fact]
    public void Swapped_flat_list_is_detected()
    {
        WriteAndVerify();
        var path = Path.Combine(_folder, LotteryFiles.Flats);
        File.WriteAllText(path, File.ReadAllText(path).Replace("XF-00001,1\n", "XF-00001,3\n", StringComparison.Ordinal));
        Assert.True(LotteryVerifier.Verify(_folder).Has(LotteryVerifier.FlatsHashMismatch));
    }

    [Fact]
    public void Wrong_secret_is_detected()
    {
        WriteAndVerify();
        var path = Path.Combine(_folder, LotteryFiles.Draw);
        var other = Convert.ToHexStringLower(LotterySecret.Create());
        File.WriteAllText(path, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), "\"secret_hex\":\"[0-9a-f]+\"", $"\"secret_hex\":\"{other}\""));
        var report = LotteryVerifier.Verify(_folder);
        Assert.True(report.Has(LotteryVerifier.SecretCommitmentMismatch));
        Assert.True(report.Has(LotteryVerifier.ResultMismatch));
    }

    [Fact]
    public void Changed_public_value_is_detected()
    {
        WriteAndVerify();
        var path = Path.Combine(_folder, LotteryFiles.Draw);
        File.WriteAllText(path, File.ReadAllText(path).Replace(PublicValue, "01 02 03 04 05 06 07", StringComparison.Ordinal));
        var report = LotteryVerifier.Verify(_folder);
        Assert.True(report.Has(LotteryVerifier.SeedMismatch));
        Assert.True(report.Has(LotteryVerifier.ResultMismatch));
    }

    [Fact]
    public void Altered_result_is_detected_with_the_first_differing_line()
    {
        WriteAndVerify();
        var path = Path.Combine(_folder, LotteryFiles.Result);
        var lines = File.ReadAllText(path).Split('\n');
        // Give rank 1's flat to rank 2 and the other way round.
        var r1 = lines[1].Split(',');
        var r2 = lines[2].Split(',');
        (r1[3], r2[3], r1[1], r2[1]) = (r1[3], r2[3], r2[1], r1[1]);
        lines[1] = string.Join(',', r1);
        lines[2] = string.Join(',', r2);
        File.WriteAllText(path, string.Join('\n', lines));

        var report = LotteryVerifier.Verify(_folder);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(LotteryVerifier.ResultMismatch, finding.Code);
        Assert.Contains("共 2 行不同；第 2 行", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_and_malformed_files_are_reported()
    {
        WriteAndVerify();
        File.Delete(Path.Combine(_folder, LotteryFiles.Result));
        File.WriteAllText(Path.Combine(_folder, LotteryFiles.Rules), "{ \"algorithm\": \"yiju-lottery-v1\" }");
        var report = LotteryVerifier.Verify(_folder);
        Assert.True(report.Has(LotteryVerifier.MissingFile));
        Assert.True(report.Has(LotteryVerifier.Malformed));
        Assert.True(report.Has(LotteryVerifier.RulesHashMismatch));
    }

    [Fact]
    public void Empty_lotteries_are_refused_with_a_clear_error()
    {
        var noEntrants = Assert.Throws<LotteryException>(() => Publish([], Flats(3)));
        Assert.Equal("no_entrants", noEntrants.Code);
        Assert.Equal("没有参加摇号的家庭，不能摇号", noEntrants.Message);
        var noFlats = Assert.Throws<LotteryException>(() => Publish(Entrants(3), []));
        Assert.Equal("no_flats", noFlats.Code);
    }

    [Fact]
    public void A_hand_made_folder_with_an_empty_list_fails_verification()
    {
        WriteAndVerify();
        // An empty but well-formed list whose hash is then "announced": verification must still refuse it.
        var entrants = Path.Combine(_folder, LotteryFiles.Entrants);
        File.WriteAllText(entrants, "entrant_id,tier,household_size\n");
        var commitment = Path.Combine(_folder, LotteryFiles.Commitment);
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(entrants)));
        File.WriteAllText(commitment, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(commitment), "\"entrants_sha256\":\"[0-9a-f]+\"", $"\"entrants_sha256\":\"{hash}\""));
        var report = LotteryVerifier.Verify(_folder);
        Assert.True(report.Has(LotteryVerifier.NoEntrants));
        Assert.False(report.Has(LotteryVerifier.EntrantsHashMismatch));
        Assert.Equal("no_entrants", Assert.Throws<LotteryException>(() => LotteryFiles.Load(_folder)).Code);
    }

    [Fact]
    public void Bad_lists_are_refused_before_publication()
    {
        Assert.Equal("entrant_duplicate", Assert.Throws<LotteryException>(() => Publish([new("A", 1, 2), new("A", 2, 3)], Flats(1))).Code);
        Assert.Equal("tier_undeclared", Assert.Throws<LotteryException>(() => Publish([new("A", 9, 2)], Flats(1))).Code);
        Assert.Equal("entrant_id_invalid", Assert.Throws<LotteryException>(() => Publish([new("A,1", 1, 2)], Flats(1))).Code);
        Assert.Equal("flat_duplicate", Assert.Throws<LotteryException>(() => Publish(Entrants(2), [new("F", 1), new("F", 2)])).Code);
        Assert.Equal("commitment_invalid", Assert.Throws<LotteryException>(() =>
            LotteryPublication.Prepare(Rules(), Entrants(2), Flats(1), Source, new byte[16], Published)).Code);
    }

    [Fact]
    public void Draw_refuses_a_secret_other_than_the_committed_one_or_too_short()
    {
        var pub = Publish(Entrants(10), Flats(3));
        Assert.Equal("secret_mismatch", Assert.Throws<LotteryException>(() => pub.Draw(LotterySecret.Create(), PublicValue, Drawn)).Code);
        Assert.Equal("secret_too_short", Assert.Throws<LotteryException>(() => pub.Draw(new byte[8], PublicValue, Drawn)).Code);
        Assert.Equal("public_value_missing", Assert.Throws<LotteryException>(() => pub.Draw(_secret, " ", Drawn)).Code);
    }

    [Fact]
    public void Publication_round_trips_through_its_files_and_refuses_changed_ones()
    {
        var pub = Publish(Entrants(50), Flats(20));
        LotteryFiles.Write(_folder, pub);
        var loaded = LotteryFiles.Load(_folder);
        Assert.Equal(pub.CommitmentFileSha256Hex, loaded.CommitmentFileSha256Hex);
        Assert.Equal(pub.Draw(_secret, PublicValue, Drawn).ResultCsv, loaded.Draw(_secret, PublicValue, Drawn).ResultCsv);

        File.AppendAllText(Path.Combine(_folder, LotteryFiles.Entrants), "ZZ-1,1,1\n");
        Assert.Equal("entrants_hash_mismatch", Assert.Throws<LotteryException>(() => LotteryFiles.Load(_folder)).Code);
    }

    [Fact]
    public void Published_files_have_the_documented_canonical_form()
    {
        var pub = Publish([new("B-2", 2, 3), new("A-1", 1, 1)], [new("F-2", 1), new("F-1", 0)]);
        Assert.Equal("entrant_id,tier,household_size\nA-1,1,1\nB-2,2,3\n", Encoding.UTF8.GetString(pub.EntrantsCsv));
        Assert.Equal("flat_id,rooms\nF-1,0\nF-2,1\n", Encoding.UTF8.GetString(pub.FlatsCsv));
        var rules = Encoding.UTF8.GetString(pub.RulesJson);
        Assert.StartsWith("{\"algorithm\":\"yiju-lottery-v1\",\"flats_count\":2,\"flats_sha256\":\"", rules, StringComparison.Ordinal);
        Assert.Contains("\"tiers\":[{\"description\":\"特殊困难、残疾、退役军人家庭\",\"tier\":1},", rules, StringComparison.Ordinal);
        Assert.DoesNotContain(" ", rules.Replace("2026年第一批公租房摇号配租", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
