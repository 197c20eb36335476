using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
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
    DbSet<ValueImport> ValueImports { get; }
    DbSet<ValueImportContent> ValueImportContents { get; }
    DbSet<ValueEvidence> ValueEvidence { get; }
    DbSet<EvidenceContent> EvidenceContents { get; }

    /// <summary>For the bulk import's batched inserts and transaction, and the progress read model's aggregate queries.</summary>
    DatabaseFacade Database { get; }

    /// <summary>The mapping, so batched inserts bind each column exactly as EF would (DbContext's own member).</summary>
    IModel Model { get; }
    DbSet<EvaluationScheme> EvaluationSchemes { get; }
    DbSet<LivabilityIndexDefinition> LivabilityIndexDefinitions { get; }
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
