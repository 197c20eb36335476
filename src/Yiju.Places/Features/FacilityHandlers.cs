using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Geo;
using Yiju.Places.Data;
using Yiju.Places.Domain;

namespace Yiju.Places.Features;

public sealed record FacilityImportResult(int Created, int AlreadyPresent, IReadOnlyDictionary<string, int> Skipped, IReadOnlyList<string> Notes);

public sealed record FacilityView(long Id, string TypeCode, string Name, double Latitude, double Longitude, double? Capacity, string Source, string? DistrictCode, string? StreetCode,
    string? Address = null, int Version = 0);

/// <summary>
/// Where a point meets the walking network: "snapped" within <see cref="MaxDistance"/>, "too-far" (flagged: the
/// analysis leaves such a facility out rather than move it), "outside" the network's area, or "no-network" yet.
/// </summary>
public sealed record NetworkCheck(string Status, double? Distance, double MaxDistance)
{
    public bool Flagged => Status is "too-far" or "outside";
}

/// <summary>A facility saved from the form, with the network check of its point.</summary>
public sealed record SavedFacility(FacilityView Facility, NetworkCheck Check);

/// <summary>Settings of the places module (configuration section "Places").</summary>
public sealed class PlacesOptions
{
    /// <summary>Metres: a facility or home farther than this from every walkable edge is flagged and left out of analyses.</summary>
    public double MaxSnapDistance { get; set; } = 200;
}

/// <summary>Facility types and facilities: seeding, listing, importing from files, adding one from a form.</summary>
public sealed class FacilityHandlers(IPlacesDb db, IDistrictLookup districts, NetworkCache cache, Microsoft.Extensions.Options.IOptions<PlacesOptions> options)
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
        return rows.Select(f => View(f, codes[f.FacilityTypeId])).ToList();
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
        else
        {
            // Types seeded before verification notes existed, and never edited since (version 0), get the catalogue's
            // note on why their clause is unchecked; a type a person has edited is theirs and left alone.
            var catalogue = FacilityTypeCatalogue.Seed().ToDictionary(t => t.Code, StringComparer.Ordinal);
            var stale = await db.FacilityTypes.Where(t => t.Version == 0 && t.ClauseVerification == null).ToListAsync(ct);
            foreach (var t in stale.Where(t => catalogue.ContainsKey(t.Code) && !t.ClauseChecked))
                t.ClauseVerification = catalogue[t.Code].ClauseVerification;
            if (stale.Count > 0)
                await db.SaveChangesAsync(ct);
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
        var saved = await Save(null, null, typeCode, name, latitude, longitude, capacity, null, ct);
        return saved.Failure is { } f ? f : saved.Value!.Facility;
    }

    public async Task<FacilityView?> Get(long id, CancellationToken ct)
    {
        var f = await db.Facilities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null)
            return null;
        var code = await db.FacilityTypes.AsNoTracking().Where(t => t.Id == f.FacilityTypeId).Select(t => t.Code).SingleAsync(ct);
        return View(f, code);
    }

    /// <summary>
    /// Adds (<paramref name="id"/> null) or edits a facility from the form. The point is checked against the walking
    /// network and the answer returned: a point farther than the set distance from every walkable edge is saved but
    /// flagged, so the planner sees at once that the analysis will leave it out. An edit must name the version it
    /// started from (409 if someone saved in between).
    /// </summary>
    public async Task<Outcome<SavedFacility>> Save(long? id, int? version, string? typeCode, string? name, double? latitude, double? longitude,
        double? capacity, string? address, CancellationToken ct)
    {
        var errors = FacilityRules.Validate(name, latitude, longitude, capacity, address);
        var type = typeCode is null ? null : await db.FacilityTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Code == typeCode, ct);
        if (type is null)
            errors["typeCode"] = [$"未知设施类型 '{typeCode}' (unknown facility type)"];
        if (errors.Count > 0)
            return Failure.Invalid("设施信息有误 (the facility has errors)", errors);
        var (lat, lon) = (latitude!.Value, longitude!.Value);
        var cleanAddress = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        Facility facility;
        if (id is { } existing)
        {
            var found = await db.Facilities.FirstOrDefaultAsync(f => f.Id == existing, ct);
            if (found is null)
                return Failure.NotFound($"设施 {existing} 不存在 (unknown facility)");
            if (version is not { } v)
                return Failure.Invalid("version", "缺少版本号 (version required for an edit)");
            if (found.Version != v)
                return Failure.Conflict();
            var match = districts.Find(new GeoPoint(lat, lon));
            found.FacilityTypeId = type!.Id;
            found.Name = name!.Trim();
            found.Latitude = lat;
            found.Longitude = lon;
            found.Capacity = capacity;
            found.Address = cleanAddress;
            found.DistrictCode = match?.DistrictCode;
            found.StreetCode = match?.StreetCode;
            facility = found;
        }
        else
        {
            facility = New(type!.Id, name!.Trim(), lat, lon, capacity, "form", null);
            facility.Address = cleanAddress;
            db.Facilities.Add(facility);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Conflict();
        }

        return new SavedFacility(View(facility, type!.Code), (await Check(lat, lon, ct)).Value!);
    }

    /// <summary>How far a point lies from the walking network, against the set distance.</summary>
    public async Task<Outcome<NetworkCheck>> Check(double latitude, double longitude, CancellationToken ct)
    {
        if (!new GeoPoint(latitude, longitude).IsValid)
            return Failure.Invalid("lat", "坐标无效 (invalid coordinates)");
        var max = options.Value.MaxSnapDistance;
        var network = await cache.Current(db, ct);
        if (network is null)
            return new NetworkCheck("no-network", null, max);
        var snap = network.Snapper.Snap(latitude, longitude, max);
        return snap.Status switch
        {
            Routing.Graph.SnapStatus.Snapped => new NetworkCheck("snapped", Math.Round(snap.Distance, 1), max),
            Routing.Graph.SnapStatus.TooFar => new NetworkCheck("too-far", null, max),
            _ => new NetworkCheck("outside", null, max),
        };
    }

    private static FacilityView View(Facility f, string code) =>
        new(f.Id, code, f.Name, f.Latitude, f.Longitude, f.Capacity, f.Source, f.DistrictCode, f.StreetCode, f.Address, f.Version);

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
