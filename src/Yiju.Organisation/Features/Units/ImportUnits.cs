using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Features.Units;

public sealed record ImportResult(int Created, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports streets and communities from CSV (columns code,name,level,parent_code[,name_en]). All or nothing:
/// the whole file is validated first and written in one transaction, so one bad row imports nothing.
/// </summary>
public sealed class ImportUnits(IOrganisationDb db, TimeProvider clock)
{
    public const long MaxFileBytes = 5 * 1024 * 1024;
    public static readonly string[] RequiredColumns = ["code", "name", "level", "parent_code"];

    public async Task<Outcome<ImportResult>> Handle(Stream csv, Caller caller, CancellationToken ct)
    {
        if (!caller.Grants.Any(g => g.Role is Role.CityAdmin or Role.DistrictStaff or Role.StreetStaff))
            return Failure.Forbidden();

        // The request body may only be read asynchronously, and the file must be bounded before it is parsed.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await csv.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxFileBytes)
                return new ImportResult(0, [new ImportError(0, "文件超过 5 MB (file larger than 5 MB)")]);
            buffer.Write(chunk, 0, n);
        }
        buffer.Position = 0;
        var (rows, readErrors) = Read(buffer);
        if (readErrors.Count > 0)
            return new ImportResult(0, readErrors);

        var existing = await db.Units.AsNoTracking()
            .Select(u => new UnitImport.ExistingUnit(u.Code, u.Level, u.Path))
            .ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        var (plan, errors) = UnitImport.Validate(rows, existing, (level, path) => OrganisationRules.CanManageUnit(caller.Grants, level, path));
        if (errors.Count > 0)
            return new ImportResult(0, errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.Units.AsNoTracking().Select(u => new { u.Code, u.Id }).ToDictionaryAsync(u => u.Code, u => u.Id, StringComparer.Ordinal, ct);
        var created = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var p in plan)
        {
            var unit = new Unit { Code = p.Code, Name = p.Name, NameEn = p.NameEn, Level = p.Level, Path = p.Path, CreatedAt = now, UpdatedAt = now };
            if (ids.TryGetValue(p.ParentCode, out var parentId))
                unit.ParentId = parentId;
            else
                unit.Parent = created[p.ParentCode];
            created[p.Code] = unit;
            db.Units.Add(unit);
        }
        // One SaveChanges is one transaction: the file lands whole or not at all.
        await db.SaveChangesAsync(ct);
        return new ImportResult(plan.Count, []);
    }

    public static (List<UnitImportRow> Rows, List<ImportError> Errors) Read(Stream csv)
    {
        var rows = new List<UnitImportRow>();
        var errors = new List<ImportError>();
        try
        {
            using var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
            var config = new CsvConfiguration(CultureInfo.InvariantCulture) { PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(), MissingFieldFound = null, BadDataFound = null };
            using var parser = new CsvReader(reader, config);
            if (!parser.Read() || !parser.ReadHeader())
                return (rows, [new ImportError(1, "文件为空 (the file is empty)")]);
            var header = parser.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
                return (rows, [new ImportError(1, $"缺少列: {string.Join(", ", missing)} (missing columns)")]);
            while (parser.Read())
            {
                rows.Add(new UnitImportRow(
                    parser.Parser.Row,
                    parser.GetField("code"),
                    parser.GetField("name"),
                    parser.GetField("level"),
                    parser.GetField("parent_code"),
                    header.Contains("name_en") ? parser.GetField("name_en") : null));
                if (rows.Count > UnitImport.MaxRows)
                    break;
            }
        }
        catch (Exception e) when (e is CsvHelperException or DecoderFallbackException or IOException)
        {
            errors.Add(new ImportError(rows.Count + 2, $"无法读取 CSV: {e.Message} (unreadable CSV)"));
        }
        return (rows, errors);
    }
}
