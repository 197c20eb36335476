using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Yiju.Hotline.Domain;

namespace Yiju.Hotline.Data;

/// <summary>The hotline's tables. Implemented by YijuDb in Yiju.Data; handlers use EF Core through it directly.</summary>
public interface IHotlineDb
{
    DbSet<Ticket> Tickets { get; }
    DbSet<TicketEvent> TicketEvents { get; }
    DbSet<Category> Categories { get; }
    DbSet<TicketNumberCounter> TicketNumberCounters { get; }
    DbSet<SubmissionKey> SubmissionKeys { get; }
    DbSet<Open311Client> Open311Clients { get; }
    DbSet<DeadlineNotice> DeadlineNotices { get; }
    DbSet<JobLease> JobLeases { get; }
    /// <summary>To start again after a failed save (a notice another node wrote first) without the failed entities.</summary>
    Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker ChangeTracker { get; }
    DbSet<KnowledgeEntry> KnowledgeEntries { get; }
    DbSet<KnowledgeRevision> KnowledgeRevisions { get; }
    DbSet<CallCountDay> CallCounts { get; }
    DbSet<DeadlineRuleRow> DeadlineRules { get; }
    DbSet<KpiWeightsRow> KpiWeightVersions { get; }
    DbSet<StatusLabelRow> StatusLabelRows { get; }
    /// <summary>For the one upsert that issues ticket numbers and for provider checks.</summary>
    DatabaseFacade Database { get; }
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
