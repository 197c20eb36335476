using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Yiju.Places.Domain;

namespace Yiju.Places.Data;

/// <summary>The places tables. Implemented by YijuDb in Yiju.Data.</summary>
public interface IPlacesDb
{
    DbSet<FacilityType> FacilityTypes { get; }
    DbSet<Facility> Facilities { get; }
    DbSet<PopulationUnit> PopulationUnits { get; }
    DbSet<WalkingNetwork> WalkingNetworks { get; }
    DbSet<AnalysisRun> AnalysisRuns { get; }
    DbSet<CoverageRow> CoverageRows { get; }
    DbSet<AnalysisJob> AnalysisJobs { get; }

    /// <summary>For the transaction that makes an import all-or-nothing.</summary>
    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
