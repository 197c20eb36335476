using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
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
    /// <summary>For the progress read model's aggregate queries (Features/Queries/CurrentCityValues).</summary>
    DatabaseFacade Database { get; }
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
