using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Yiju.Bench.Hotline;

/// <summary>
/// Bench accounts with personal access tokens (operator, a district, one of its streets, a department), an Open311 client,
/// and the input files the wrk scripts read: varied POST bodies, search words, units. Written to an untracked folder.
/// </summary>
public static class Setup
{
    public static async Task Run(string connectionString, string outDir, string dataFolder)
    {
        Directory.CreateDirectory(outDir);
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var c = await source.OpenConnectionAsync();
        var ci = CultureInfo.InvariantCulture;

        // The district with most streets, its first street, the first department.
        var (districtId, districtName) = await One<long, string>(c, """
            SELECT d.id, d.name FROM org_unit d JOIN org_unit s ON s.parent_id = d.id AND s.level = 3
            WHERE d.level = 2 GROUP BY d.id, d.name ORDER BY count(*) DESC, d.id LIMIT 1
            """);
        var (streetId, streetName) = await One<long, string>(c, $"SELECT id, name FROM org_unit WHERE parent_id = {districtId} AND level = 3 ORDER BY id LIMIT 1");
        var (departmentId, departmentName) = await One<long, string>(c, "SELECT id, name FROM org_department WHERE active ORDER BY id LIMIT 1");

        await Exec(c, "DELETE FROM org_person WHERE user_name LIKE 'bench-%'");
        await Exec(c, "DELETE FROM hotline_open311_client WHERE name = 'bench'");
        var env = new StringBuilder();
        foreach (var (user, role, unit, department) in new (string, int, long?, long?)[]
        {
            ("bench-operator", 6, null, null),
            ("bench-district", 4, districtId, null),
            ("bench-street", 5, streetId, null),
            ("bench-department", 3, null, departmentId),
        })
        {
            var personId = await Scalar<long>(c, $"""
                INSERT INTO org_person (user_name, display_name, password_hash, failed_sign_ins, active, created_at, updated_at, version)
                VALUES ('{user}', '{user}', '!', 0, true, now(), now(), 1) RETURNING id
                """);
            await Exec(c, $"""
                INSERT INTO org_role_assignment (person_id, role, unit_id, department_id, created_at)
                VALUES ({personId}, {role}, {(unit is { } u ? u.ToString(ci) : "NULL")}, {(department is { } d ? d.ToString(ci) : "NULL")}, now())
                """);
            var token = "yiju_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            await Exec(c, $"""
                INSERT INTO org_access_token (person_id, name, prefix, hash, created_at)
                VALUES ({personId}, 'bench', '{token[..9]}', '{Hash(token)}', now())
                """);
            env.Append(CultureInfo.InvariantCulture, $"TOKEN_{user[6..].ToUpperInvariant()}={token}\n");
        }
        var apiKey = "o311_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await Exec(c, $"""
            INSERT INTO hotline_open311_client (name, key_prefix, key_hash, active, created_at_utc)
            VALUES ('bench', '{apiKey[..9]}', '{Hash(apiKey)}', true, now())
            """);
        env.Append(CultureInfo.InvariantCulture, $"OPEN311_API_KEY={apiKey}\nDISTRICT={districtName}\nSTREET={streetName}\nDEPARTMENT={departmentName}\n");
        await File.WriteAllTextAsync(Path.Combine(outDir, "hotline.env"), env.ToString());

        // Open311 POST bodies without the api_key (the lua script adds it): service codes, places and texts all vary.
        var services = new List<string>();
        var words = new SortedSet<string>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand("SELECT code, keywords FROM hotline_category WHERE parent_code IS NOT NULL AND is_active ORDER BY code", c))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                services.Add(r.GetString(0));
                foreach (var w in JsonSerializer.Deserialize<List<string>>(r.GetString(1)) ?? [])
                    words.Add(w);
            }
        }
        var places = new List<(double Lat, double Lon, string Name)>();
        await using (var cmd = new NpgsqlCommand("SELECT centroid_latitude, centroid_longitude, name FROM org_unit WHERE level = 3 AND centroid_latitude IS NOT NULL", c))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
                places.Add((r.GetDouble(0), r.GetDouble(1), r.GetString(2)));
        }
        if (places.Count == 0)
            places.Add((45.757, 126.642, "哈尔滨市"));
        var corpus = Corpus.Load(dataFolder);
        var random = new Random(20261122);
        var bodies = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            var place = places[random.Next(places.Count)];
            var form = new List<(string, string)>
            {
                ("service_code", services[random.Next(services.Count)]),
                ("description", corpus.Text(random)),
                ("first_name", Surnames[random.Next(Surnames.Length)]),
                ("last_name", random.Next(2) == 0 ? "先生" : "女士"),
                ("phone", "13" + random.Next(100000000, 999999999).ToString(ci)),
            };
            if (random.Next(5) == 0)
                form.Add(("address_string", place.Name + (1 + random.Next(300)).ToString(ci) + "号"));
            else
            {
                form.Add(("lat", (place.Lat + (random.NextDouble() - 0.5) * 0.01).ToString("F6", ci)));
                form.Add(("long", (place.Lon + (random.NextDouble() - 0.5) * 0.01).ToString("F6", ci)));
            }
            if (random.Next(4) == 0)
                form.Add(("attribute[request_type]", RequestTypes[random.Next(RequestTypes.Length)]));
            bodies.AppendLine(string.Join('&', form.Select(f => Uri.EscapeDataString(f.Item1) + "=" + Uri.EscapeDataString(f.Item2))));
        }
        await File.WriteAllTextAsync(Path.Combine(outDir, "open311-bodies.txt"), bodies.ToString());
        await File.WriteAllLinesAsync(Path.Combine(outDir, "search-words.txt"), words.Where(w => w.Length >= 2).Select(Uri.EscapeDataString));
        var prefixes = services.Select(s => s.Split('.')[0]).Distinct(StringComparer.Ordinal);
        await File.WriteAllLinesAsync(Path.Combine(outDir, "category-prefixes.txt"), prefixes);
        Console.WriteLine($"setup: 4 bench accounts, an Open311 client, {services.Count} services, {words.Count} search words, {places.Count} streets; district {districtName}, street {streetName}, department {departmentName}");
    }

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"];
    private static readonly string[] RequestTypes = ["complaint", "help", "consultation", "suggestion", "praise"];

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static async Task Exec(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<(T1, T2)> One<T1, T2>(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        await using var r = await cmd.ExecuteReaderAsync();
        if (!await r.ReadAsync())
            throw new InvalidOperationException("not found: " + sql);
        return (r.GetFieldValue<T1>(0), r.GetFieldValue<T2>(1));
    }
}
