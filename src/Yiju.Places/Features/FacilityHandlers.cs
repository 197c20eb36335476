using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Geo;
using Yiju.Places.Data;
using Yiju.Places.Domain;

namespace Yiju.Places.Features;

public sealed record FacilityImportResult(int Created, int AlreadyPresent, IReadOnlyDictionary<string, int> Skipped, IReadOnlyList<string> Notes);

public sealed record FacilityView(long Id, string TypeCode, string Name, double Latitude, double Longitude, double? Capacity, string Source, string? DistrictCode, string? StreetCode);

/// <summary>Facility types and facilities: seeding, listing, importing from files, adding one from a form.</summary>
public sealed class FacilityHandlers(IPlacesDb db, IDistrictLookup districts)
{
    public const string ShippedFile = "harbin_central_facilities_osm.geojson";

    public Task<List<FacilityType>> Types(CancellationToken ct) =>
        db.FacilityTypes.AsNoTracking().OrderBy(t => t.Level).ThenBy(t => t.Code).ToListAsync(ct);

    public async Task<List<FacilityView>> List(string? typeCode, CancellationToken ct)
    {
        var codes = await db.FacilityTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        var query = db.Facilities.AsNoTracking();
        if (typeCode is not null)
        {
            var id = codes.FirstOrDefault(kv => kv.Value == typeCode).Key;
            query = query.Where(f => f.FacilityTypeId == id);
        }

        var rows = await query.OrderBy(f => f.Id).ToListAsync(ct);
        return rows.Select(f => new FacilityView(f.Id, codes[f.FacilityTypeId], f.Name, f.Latitude, f.Longitude, f.Capacity, f.Source, f.DistrictCode, f.StreetCode)).ToList();
    }

    /// <summary>Seeds the GB 50180-2018 types and the shipped OSM-derived Harbin facilities, once.</summary>
    public async Task<(int Types, int Facilities)> Seed(CancellationToken ct)
    {
        var types = 0;
        if (!await db.FacilityTypes.AnyAsync(ct))
        {
            var seed = FacilityTypeCatalogue.Seed();
            db.FacilityTypes.AddRange(seed);
            await db.SaveChangesAsync(ct);
            types = seed.Count;
        }

        if (await db.Facilities.AnyAsync(f => f.Source == "osm", ct))
            return (types, 0);
        await using var stream = typeof(FacilityHandlers).Assembly.GetManifestResourceStream($"Yiju.Places.SeedData.{ShippedFile}")
            ?? throw new InvalidOperationException("The shipped facilities file is missing from the assembly.");
        var outcome = await Import(stream, "osm", ct);
        return (types, outcome.Value?.Created ?? 0);
    }

    /// <summary>Imports a GeoJSON or CSV file. Any refused row refuses the whole file: nothing is half imported.</summary>
    public async Task<Outcome<FacilityImportResult>> Import(Stream file, string format, CancellationToken ct)
    {
        var types = await db.FacilityTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Id, StringComparer.Ordinal, ct);
        var known = types.Keys.ToHashSet(StringComparer.Ordinal);
        FacilityFileResult read;
        string source;
        if (format is "csv")
        {
            using var reader = new StreamReader(file);
            read = FacilityFile.ReadCsv(reader, known);
            source = "csv";
        }
        else
        {
            read = FacilityFile.ReadGeoJson(file, known);
            source = format == "osm" ? "osm" : "geojson";
        }

        if (read.Errors.Count > 0)
        {
            return Failure.Invalid($"文件有 {read.Errors.Count} 处错误，未导入任何设施 (errors in the file; nothing was imported)",
                new Dictionary<string, string[]> { ["file"] = [.. read.Errors.Take(50)] });
        }

        var refs = read.Facilities.Where(f => f.SourceRef is not null).Select(f => f.SourceRef!).ToList();
        var existing = (await db.Facilities.AsNoTracking().Where(f => f.SourceRef != null && refs.Contains(f.SourceRef)).Select(f => f.SourceRef!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var created = 0;
        foreach (var r in read.Facilities)
        {
            if (r.SourceRef is not null && existing.Contains(r.SourceRef))
                continue;
            db.Facilities.Add(New(types[r.TypeCode], r.Name, r.Latitude, r.Longitude, r.Capacity, source, r.SourceRef));
            created++;
        }

        await db.SaveChangesAsync(ct);
        var notes = read.Facilities.Where(f => f.Note is not null).GroupBy(f => f.Note!).Select(g => $"{g.Key}: {g.Count()}").ToList();
        return new FacilityImportResult(created, read.Facilities.Count - created, read.Skipped, notes);
    }

    public async Task<Outcome<FacilityView>> Add(string typeCode, string? name, double latitude, double longitude, double? capacity, CancellationToken ct)
    {
        var type = await db.FacilityTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Code == typeCode, ct);
        if (type is null)
            return Failure.Invalid("typeCode", $"未知设施类型 '{typeCode}' (unknown facility type)");
        if (string.IsNullOrWhiteSpace(name) || name.Length > FacilityFile.MaxNameLength)
            return Failure.Invalid("name", "名称必填，不超过200字 (name required, at most 200 characters)");
        if (!new GeoPoint(latitude, longitude).IsValid)
            return Failure.Invalid("latitude", "坐标无效 (invalid coordinates)");
        if (capacity is < 0 || (capacity is { } c && !double.IsFinite(c)))
            return Failure.Invalid("capacity", "容量无效 (invalid capacity)");
        var facility = New(type.Id, name.Trim(), latitude, longitude, capacity, "form", null);
        db.Facilities.Add(facility);
        await db.SaveChangesAsync(ct);
        return new FacilityView(facility.Id, type.Code, facility.Name, latitude, longitude, capacity, facility.Source, facility.DistrictCode, facility.StreetCode);
    }

    private Facility New(long typeId, string name, double lat, double lon, double? capacity, string source, string? sourceRef)
    {
        var match = districts.Find(new GeoPoint(lat, lon));
        return new Facility
        {
            FacilityTypeId = typeId,
            Name = name,
            Latitude = lat,
            Longitude = lon,
            Capacity = capacity,
            Source = source,
            SourceRef = sourceRef,
            DistrictCode = match?.DistrictCode,
            StreetCode = match?.StreetCode,
        };
    }
}
