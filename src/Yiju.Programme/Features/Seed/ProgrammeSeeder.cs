using Microsoft.EntityFrameworkCore;
using Yiju.Kernel.Calendar;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Evaluation;
using Yiju.Programme.Features.Livability;
using Yiju.Programme.Features.Queries;
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
        {
            await EnsureDefaultWeights(ct);
            return new ProgrammeSeedReport(0, 0, 0);
        }

        var seed = HarbinSeedLoader.Load(clock.GetUtcNow().UtcDateTime);
        db.Programmes.Add(seed.Programme);
        db.ReportedValues.AddRange(seed.Values);
        await db.SaveChangesAsync(ct);
        await EnsureDefaultWeights(ct);
        var indicators = seed.Programme.Indicators.ToList();
        return new ProgrammeSeedReport(indicators.Count, indicators.Sum(i => i.Targets.Count), seed.Values.Count);
    }

    /// <summary>
    /// Version 1 of the evaluation weights and of the 宜居指数, so that both pages work from the first start. They are
    /// the platform's defaults, named as such, not 市发改委's: a coordinator publishes the city's own as version 2.
    /// Added only when no version exists, so a coordinator's versions are never touched.
    /// </summary>
    private async Task EnsureDefaultWeights(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.EvaluationSchemes.AnyAsync(s => s.Code == ProgrammeEvaluation.SchemeCode, ct))
        {
            var scheme = EvaluationScheme.Create(ProgrammeEvaluation.SchemeCode, 1, "平台默认权重（非市发改委发布，请按本地考核办法发布新版本）", now, 0.5, 0.3, 0.2);
            scheme.ReportingFrom = ChinaTime.DateOf(now);
            scheme.GraceWorkingDays = EvaluationScheme.DefaultGraceWorkingDays;
            scheme.PublishedBy = "seed";
            db.EvaluationSchemes.Add(scheme);
        }

        if (!await db.LivabilityIndexDefinitions.AnyAsync(d => d.Code == LivabilityIndexService.DefinitionCode, ct)
            && await new ProgrammeQueries(db, clock).LoadTree(ct) is { } programme)
        {
            var definition = LivabilityObservations.Default(programme, now);
            if (definition.Components.Count > 0)
                db.LivabilityIndexDefinitions.Add(definition);
        }

        await db.SaveChangesAsync(ct);
    }
}
