using Microsoft.EntityFrameworkCore;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Data;

/// <summary>The programme's tables. Implemented by YijuDb in Yiju.Data; handlers use EF Core through it directly.</summary>
public interface IProgrammeDb
{
    DbSet<CityProgramme> Programmes { get; }
    DbSet<Home> Homes { get; }
    DbSet<Goal> Goals { get; }
    DbSet<ProgrammeTask> ProgrammeTasks { get; }
    DbSet<Indicator> Indicators { get; }
    DbSet<IndicatorTarget> IndicatorTargets { get; }
    DbSet<ReportedValue> ReportedValues { get; }
    DbSet<EvaluationScheme> EvaluationSchemes { get; }
    DbSet<LivabilityIndexDefinition> LivabilityIndexDefinitions { get; }
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
