using Microsoft.EntityFrameworkCore;
using Yiju.Programme.Data;
using Yiju.Programme.SeedData;

namespace Yiju.Programme.Features.Seed;

/// <summary>What seeding did: zeros when the programme was already there.</summary>
public sealed record ProgrammeSeedReport(int Indicators, int Targets, int Values);

/// <summary>
/// Puts Harbin's programme (the shipped seed data, with every figure's source quote) into the database once.
/// The programme is found by its code; when it exists nothing is changed, so running it again is harmless and
/// departments' own reports are never touched.
/// </summary>
public sealed class ProgrammeSeeder(IProgrammeDb db, TimeProvider clock)
{
    public async Task<ProgrammeSeedReport> Seed(CancellationToken ct)
    {
        if (await db.Programmes.AnyAsync(p => p.Code == HarbinSeedLoader.ProgrammeCode, ct))
            return new ProgrammeSeedReport(0, 0, 0);
        var seed = HarbinSeedLoader.Load(clock.GetUtcNow().UtcDateTime);
        db.Programmes.Add(seed.Programme);
        db.ReportedValues.AddRange(seed.Values);
        await db.SaveChangesAsync(ct);
        var indicators = seed.Programme.Indicators.ToList();
        return new ProgrammeSeedReport(indicators.Count, indicators.Sum(i => i.Targets.Count), seed.Values.Count);
    }
}
