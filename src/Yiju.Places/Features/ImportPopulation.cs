using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Geo;
using Yiju.Places.Data;
using Yiju.Places.Domain;

namespace Yiju.Places.Features;

public sealed record PopulationImportResult(int Units, double People);

/// <summary>
/// Loads census population from CSV, replacing earlier census units in one transaction. Once census units exist the
/// analysis uses them instead of the OSM estimate. Any bad row refuses the whole file.
/// </summary>
public sealed class ImportPopulation(IPlacesDb db, IDistrictLookup districts)
{
    public async Task<Outcome<PopulationImportResult>> Import(Stream file, string fileName, CancellationToken ct)
    {
        using var reader = new StreamReader(file);
        var (rows, errors) = PopulationFile.ReadCsv(reader);
        if (errors.Count > 0)
        {
            return Failure.Invalid($"文件有 {errors.Count} 处错误，未导入任何人口数据 (errors in the file; nothing was imported)",
                new Dictionary<string, string[]> { ["file"] = [.. errors.Take(50)] });
        }

        var source = $"普查/调查 census ({Path.GetFileName(fileName)})";
        var units = rows.Select(r =>
        {
            var match = districts.Find(new GeoPoint(r.Latitude, r.Longitude));
            return new PopulationUnit
            {
                Latitude = r.Latitude,
                Longitude = r.Longitude,
                Total = r.Counts.Total,
                Age0To3 = r.Counts.Age0To3,
                Age3To6 = r.Counts.Age3To6,
                Age6To12 = r.Counts.Age6To12,
                Age12To15 = r.Counts.Age12To15,
                Age65Plus = r.Counts.Age65Plus,
                IsEstimate = false,
                Source = source.Length > 200 ? source[..200] : source,
                DistrictCode = match?.DistrictCode,
                StreetCode = match?.StreetCode,
                DistrictName = match?.DistrictName is { Length: > 100 } d ? d[..100] : match?.DistrictName,
                StreetName = match?.StreetName is { Length: > 100 } s ? s[..100] : match?.StreetName,
            };
        }).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.PopulationUnits.Where(p => !p.IsEstimate).ExecuteDeleteAsync(ct);
        db.PopulationUnits.AddRange(units);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PopulationImportResult(units.Count, units.Sum(u => u.Total));
    }
}
