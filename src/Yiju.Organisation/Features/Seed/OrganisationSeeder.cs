using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Features.Seed;

/// <summary>What seeding did, including any password that must be shown to the operator exactly once.</summary>
public sealed record SeedReport(int UnitsAdded, int DepartmentsAdded, IReadOnlyList<(string UserName, string Password)> NewAccounts);

/// <summary>
/// Puts Harbin's real organisation into an empty database: the city, its 18 district-level units with boundaries,
/// the central streets from OpenStreetMap, the departments named in the programme, and the first administrator.
/// Running it again adds only what is missing.
/// </summary>
public sealed class OrganisationSeeder(IOrganisationDb db, TimeProvider clock, IPasswordHasher<Person> hasher)
{
    public const string CityCode = "230100";
    public const string AdminUserName = "admin";

    public async Task<SeedReport> Seed(string? adminPassword, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var unitsAdded = await SeedUnits(now, ct);
        var departmentsAdded = await SeedDepartments(now, ct);
        var accounts = new List<(string, string)>();
        if (!await db.People.AnyAsync(p => p.UserName == AdminUserName, ct))
        {
            var password = string.IsNullOrEmpty(adminPassword) ? GeneratePassword() : adminPassword;
            if (SignInPolicy.CheckPassword(password) is { } problem)
                throw new InvalidOperationException($"YIJU_ADMIN_PASSWORD: {problem}");
            var admin = new Person { UserName = AdminUserName, DisplayName = "系统管理员", CreatedAt = now, UpdatedAt = now };
            admin.PasswordHash = hasher.HashPassword(admin, password);
            admin.Roles.Add(new RoleAssignment { Role = Role.CityAdmin, CreatedAt = now });
            db.People.Add(admin);
            await db.SaveChangesAsync(ct);
            if (string.IsNullOrEmpty(adminPassword))
                accounts.Add((AdminUserName, password));
        }
        return new SeedReport(unitsAdded, departmentsAdded, accounts);
    }

    /// <summary>One account per role for trying the platform, each with a fresh random password.</summary>
    public async Task<IReadOnlyList<(string UserName, string Password, Role Role, string Scope)>> SeedDemoAccounts(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var daoli = await db.Units.AsNoTracking().FirstAsync(u => u.Code == "230102", ct);
        var street = await db.Units.AsNoTracking().Where(u => u.ParentId == daoli.Id && u.Level == UnitLevel.Street).OrderBy(u => u.Code).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("道里区 has no street to scope the demo street account to; seed the organisation first.");
        var housing = await db.Departments.AsNoTracking().FirstAsync(d => d.Code == "zjj", ct);
        var plan = new (string User, string Name, Role Role, long? Unit, long? Dep, string Scope)[]
        {
            ("demo-admin", "演示管理员", Role.CityAdmin, null, null, "全市"),
            ("demo-coordinator", "演示统筹员（市发改委）", Role.ProgrammeCoordinator, null, null, "全市"),
            ("demo-department", "演示部门人员（市住建局）", Role.DepartmentStaff, null, housing.Id, housing.Name),
            ("demo-district", "演示区县人员（道里区）", Role.DistrictStaff, daoli.Id, null, daoli.Name),
            ("demo-street", $"演示街道人员（{street.Name}）", Role.StreetStaff, street.Id, null, street.Name),
            ("demo-operator", "演示话务员（12345）", Role.HotlineOperator, null, null, "全市"),
            ("demo-auditor", "演示审计员", Role.Auditor, null, null, "全市"),
        };
        var result = new List<(string, string, Role, string)>();
        foreach (var p in plan)
        {
            var password = GeneratePassword();
            var person = await db.People.Include(x => x.Roles).FirstOrDefaultAsync(x => x.UserName == p.User, ct);
            if (person is null)
            {
                person = new Person { UserName = p.User, CreatedAt = now };
                db.People.Add(person);
            }
            person.DisplayName = p.Name;
            person.Active = true;
            person.UpdatedAt = now;
            person.LockedUntil = null;
            person.FailedSignIns = 0;
            person.PasswordHash = hasher.HashPassword(person, password);
            db.RoleAssignments.RemoveRange(person.Roles);
            person.Roles = [new RoleAssignment { Role = p.Role, UnitId = p.Unit, DepartmentId = p.Dep, CreatedAt = now }];
            result.Add((p.User, password, p.Role, p.Scope));
        }
        await db.SaveChangesAsync(ct);
        return result;
    }

    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');

    private async Task<int> SeedUnits(DateTime now, CancellationToken ct)
    {
        if (await db.Units.AnyAsync(u => u.Code == CityCode, ct))
            return 0;
        var city = new Unit { Code = CityCode, Name = "哈尔滨市", NameEn = "Harbin", Level = UnitLevel.City, Path = $"/{CityCode}/", CreatedAt = now, UpdatedAt = now };
        db.Units.Add(city);
        var added = 1;
        var districtShapes = new List<(Unit Unit, Geometry Shape)>();
        foreach (var feature in Features("harbin-districts.wgs84.geojson"))
        {
            var props = feature["properties"]!;
            var code = (string)props["code"]!;
            var geometry = feature["geometry"]!.ToJsonString();
            var shape = DistrictLookup.ParseGeometry(geometry);
            var centre = shape.InteriorPoint;
            var unit = new Unit
            {
                Code = code,
                Name = (string)props["name"]!,
                NameEn = DistrictNamesEn.GetValueOrDefault(code),
                Level = UnitLevel.District,
                Kind = (string)props["kind"]! switch { "county" => DistrictKind.County, "county-level-city" => DistrictKind.CountyLevelCity, _ => DistrictKind.District },
                Parent = city,
                Path = Unit.ChildPath(city.Path, code),
                BoundaryGeoJson = geometry,
                CentroidLatitude = Math.Round(centre.Y, 6),
                CentroidLongitude = Math.Round(centre.X, 6),
                BoundarySource = "DataV.GeoAtlas 230100 (GCJ-02→WGS84)",
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Units.Add(unit);
            districtShapes.Add((unit, shape));
            added++;
        }

        var streets = Features("harbin-central-streets.osm.geojson")
            .Select(f => (Name: (string)f["properties"]!["name"]!, NameEn: (string?)f["properties"]!["name_en"], Geometry: f["geometry"]!.ToJsonString()))
            .Select(s => (s.Name, s.NameEn, s.Geometry, Shape: DistrictLookup.ParseGeometry(s.Geometry)))
            .Select(s => (s.Name, s.NameEn, s.Geometry, s.Shape, District: districtShapes.FirstOrDefault(d => d.Shape.Covers(s.Shape.InteriorPoint)).Unit))
            .Where(s => s.District is not null)
            .GroupBy(s => s.District!.Code, StringComparer.Ordinal);
        foreach (var group in streets)
        {
            var seq = 0;
            foreach (var s in group.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                seq++;
                var code = $"{group.Key}{seq:000}";
                var centre = s.Shape.InteriorPoint;
                db.Units.Add(new Unit
                {
                    Code = code,
                    Name = s.Name,
                    NameEn = s.NameEn,
                    Level = UnitLevel.Street,
                    Parent = s.District,
                    Path = Unit.ChildPath(s.District!.Path, code),
                    BoundaryGeoJson = s.Geometry,
                    CentroidLatitude = Math.Round(centre.Y, 6),
                    CentroidLongitude = Math.Round(centre.X, 6),
                    BoundarySource = "© OpenStreetMap contributors (ODbL)",
                    CreatedAt = now,
                    UpdatedAt = now,
                });
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private async Task<int> SeedDepartments(DateTime now, CancellationToken ct)
    {
        var existing = await db.Departments.Select(d => d.Code).ToListAsync(ct);
        using var reader = new StreamReader(Resource("departments.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var added = 0;
        foreach (var row in csv.GetRecords<DepartmentRow>())
        {
            if (existing.Contains(row.code, StringComparer.Ordinal))
                continue;
            db.Departments.Add(new Department { Code = row.code, Name = row.name, NameEn = row.name_en, CreatedAt = now, UpdatedAt = now });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private static IEnumerable<JsonNode> Features(string resource)
    {
        using var stream = Resource(resource);
        return JsonNode.Parse(stream)!["features"]!.AsArray().Select(f => f!).ToList();
    }

    private static Stream Resource(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream($"Yiju.Organisation.SeedData.{name}")
        ?? throw new InvalidOperationException($"Embedded seed file {name} is missing from the build.");

    private sealed record DepartmentRow(string code, string name, string name_en);

    private static readonly Dictionary<string, string> DistrictNamesEn = new(StringComparer.Ordinal)
    {
        ["230102"] = "Daoli District",
        ["230103"] = "Nangang District",
        ["230104"] = "Daowai District",
        ["230108"] = "Pingfang District",
        ["230109"] = "Songbei District",
        ["230110"] = "Xiangfang District",
        ["230111"] = "Hulan District",
        ["230112"] = "Acheng District",
        ["230113"] = "Shuangcheng District",
        ["230123"] = "Yilan County",
        ["230124"] = "Fangzheng County",
        ["230125"] = "Bin County",
        ["230126"] = "Bayan County",
        ["230127"] = "Mulan County",
        ["230128"] = "Tonghe County",
        ["230129"] = "Yanshou County",
        ["230183"] = "Shangzhi City",
        ["230184"] = "Wuchang City",
    };
}
