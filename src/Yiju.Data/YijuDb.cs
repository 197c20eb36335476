using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using Yiju.Data.Auditing;
using Yiju.Hotline;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Housing;
using Yiju.Housing.Data;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Eligibility;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Domain.Stock;
using Yiju.Housing.Domain.Subsidies;
using Yiju.Kernel.Auditing;
using Yiju.Organisation;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;
using Yiju.Places;
using Yiju.Places.Data;
using Yiju.Places.Domain;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;
using Yiju.Programme.SeedData;

namespace Yiju.Data;

/// <summary>
/// The one database context. Each module sees only its own DbSets through its I&lt;Module&gt;Db interface.
/// Every save appends the changes it makes to the hash-chained audit trail, in the same transaction.
/// </summary>
public sealed class YijuDb(DbContextOptions<YijuDb> options, IAuditActor actor, TimeProvider clock) : DbContext(options), IOrganisationDb, IProgrammeDb, IHotlineDb, IHousingDb, IPlacesDb
{
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<CityProgramme> Programmes => Set<CityProgramme>();
    public DbSet<Home> Homes => Set<Home>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<ProgrammeTask> ProgrammeTasks => Set<ProgrammeTask>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<ReportedValue> ReportedValues => Set<ReportedValue>();
    public DbSet<ValueImport> ValueImports => Set<ValueImport>();
    public DbSet<ValueImportContent> ValueImportContents => Set<ValueImportContent>();
    public DbSet<ValueEvidence> ValueEvidence => Set<ValueEvidence>();
    public DbSet<EvidenceContent> EvidenceContents => Set<EvidenceContent>();
    public DbSet<EvaluationScheme> EvaluationSchemes => Set<EvaluationScheme>();
    public DbSet<LivabilityIndexDefinition> LivabilityIndexDefinitions => Set<LivabilityIndexDefinition>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketEvent> TicketEvents => Set<TicketEvent>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<TicketNumberCounter> TicketNumberCounters => Set<TicketNumberCounter>();
    public DbSet<SubmissionKey> SubmissionKeys => Set<SubmissionKey>();
    public DbSet<Open311Client> Open311Clients => Set<Open311Client>();
    public DbSet<DeadlineNotice> DeadlineNotices => Set<DeadlineNotice>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<KnowledgeEntry> KnowledgeEntries => Set<KnowledgeEntry>();
    public DbSet<KnowledgeRevision> KnowledgeRevisions => Set<KnowledgeRevision>();
    public DbSet<CallCountDay> CallCounts => Set<CallCountDay>();
    public DbSet<DeadlineRuleRow> DeadlineRules => Set<DeadlineRuleRow>();
    public DbSet<KpiWeightsRow> KpiWeightVersions => Set<KpiWeightsRow>();
    public DbSet<StatusLabelRow> StatusLabelRows => Set<StatusLabelRow>();
    public DbSet<EligibilityRuleSet> EligibilityRuleSets => Set<EligibilityRuleSet>();
    public DbSet<HouseholdApplication> HousingApplications => Set<HouseholdApplication>();
    public DbSet<ApplicationMember> HousingMembers => Set<ApplicationMember>();
    public DbSet<ApplicationEvent> HousingEvents => Set<ApplicationEvent>();
    public DbSet<Objection> HousingObjections => Set<Objection>();
    public DbSet<ApplicationDocument> HousingDocuments => Set<ApplicationDocument>();
    public DbSet<DocumentContent> HousingDocumentContents => Set<DocumentContent>();
    public DbSet<HousingProject> HousingProjects => Set<HousingProject>();
    public DbSet<Flat> HousingFlats => Set<Flat>();
    public DbSet<LotteryRecord> HousingLotteries => Set<LotteryRecord>();
    public DbSet<SubsidyRules> SubsidyRules => Set<SubsidyRules>();
    public DbSet<SubsidyAccount> SubsidyAccounts => Set<SubsidyAccount>();
    public DbSet<FacilityType> FacilityTypes => Set<FacilityType>();
    public DbSet<Facility> Facilities => Set<Facility>();
    public DbSet<PopulationUnit> PopulationUnits => Set<PopulationUnit>();
    public DbSet<WalkingNetwork> WalkingNetworks => Set<WalkingNetwork>();
    public DbSet<AnalysisRun> AnalysisRuns => Set<AnalysisRun>();
    public DbSet<CoverageRow> CoverageRows => Set<CoverageRow>();
    public DbSet<AnalysisJob> AnalysisJobs => Set<AnalysisJob>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    private static readonly JsonSerializerOptions AuditJson = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrganisationModule).Assembly);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HarbinSeedLoader).Assembly);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HotlineModule).Assembly);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HousingModule).Assembly);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PlacesModule).Assembly);
        // The hotline queue's category filter is "code = x OR code LIKE 'x.%'"; pattern operators make the prefix an
        // index range under any collation (PostgreSQL only; other providers ignore the annotation).
        modelBuilder.Entity<Ticket>().HasIndex(t => t.CategoryCode).HasOperators("varchar_pattern_ops");
        if (Database.IsNpgsql())
        {
            // Open tickets' character-pair codes for indexed search (Hotline Data/TicketTextSearch.cs), kept by
            // TicketSearchCodesInterceptor; derived data, so not in the audit snapshots.
            var codes = modelBuilder.Entity<Ticket>().Property<int[]?>(TicketTextSearch.CodesProperty);
            codes.HasAnnotation(NotInAuditSnapshot, true);
            modelBuilder.Entity<Ticket>().HasIndex(TicketTextSearch.CodesProperty).HasMethod("gin").HasFilter("status <> 7 AND status <> 8")
                .HasStorageParameter("gin_pending_list_limit", 16384);
            // LZ4 rather than pglz for the snapshots (db/postgres/0020): every save compresses them twice.
            modelBuilder.Entity<AuditEntry>().Property(a => a.Before).UseCompressionMethod("lz4");
            modelBuilder.Entity<AuditEntry>().Property(a => a.After).UseCompressionMethod("lz4");
        }
        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.ToTable("sys_audit_entry");
            b.HasKey(a => a.Seq);
            b.Property(a => a.Seq).ValueGeneratedNever();
            b.Property(a => a.Actor).HasMaxLength(100).IsRequired();
            b.Property(a => a.Action).HasMaxLength(40).IsRequired();
            b.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
            b.Property(a => a.EntityId).HasMaxLength(100).IsRequired();
            b.Property(a => a.PrevHash).HasMaxLength(64).IsRequired();
            b.Property(a => a.Hash).HasMaxLength(64).IsRequired();
            b.HasIndex(a => new { a.EntityType, a.EntityId });
            b.HasIndex(a => a.At);
        });
        modelBuilder.Entity<DataProtectionKey>(b =>
        {
            b.ToTable("sys_data_protection_key");
            b.HasKey(k => k.Id);
            b.Property(k => k.FriendlyName).HasMaxLength(200).IsRequired();
        });
        ApplyConventions(modelBuilder);
    }

    /// <summary>
    /// snake_case names on both providers (so hand-written SQL reads the same everywhere), and UTC kind on every
    /// DateTime read back (SQLite returns Unspecified).
    /// </summary>
    private static void ApplyConventions(ModelBuilder modelBuilder)
    {
        var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var utcNullable = new ValueConverter<DateTime?, DateTime?>(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
                if (property.ClrType == typeof(DateTime))
                    property.SetValueConverter(utc);
                else if (property.ClrType == typeof(DateTime?))
                    property.SetValueConverter(utcNullable);
            }
            foreach (var key in entity.GetKeys())
                key.SetName($"pk_{entity.GetTableName()}");
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName($"fk_{entity.GetTableName()}_{string.Join("_", fk.Properties.Select(p => SnakeCase(p.Name)))}");
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName($"ix_{entity.GetTableName()}_{string.Join("_", index.Properties.Select(p => SnakeCase(p.Name)))}");
        }
    }

    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var pending = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Metadata.ClrType.GetCustomAttribute<NotAuditedAttribute>() is null)
            .Select(e => new PendingChange(e, e.State, e.State == EntityState.Added ? null : Snapshot(e, original: true)))
            .ToList();
        foreach (var change in pending.Where(c => c.State == EntityState.Modified && c.Entry.Entity is IVersioned))
        {
            var version = change.Entry.Property(nameof(IVersioned.Version));
            if (Equals(version.CurrentValue, version.OriginalValue))
                version.CurrentValue = (int)version.OriginalValue! + 1;
        }
        if (pending.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var npgsql = Database.IsNpgsql();
        // In its own transaction a failed save rolls everything back, so EF's savepoint (two more statements) buys nothing.
        var savepoints = Database.AutoSavepointsEnabled;
        if (ownTransaction is not null)
            Database.AutoSavepointsEnabled = false;
        try
        {
            // The entity rows first, then the chain: the lock is held only for what has to be serial (read the last
            // link, append, commit), not for the entity writes.
            var written = await base.SaveChangesAsync(false, cancellationToken);
            var at = AuditChain.TruncateToMilliseconds(clock.GetUtcNow().UtcDateTime);
            var changes = pending.Select(change => (
                Action: change.State switch { EntityState.Added => "create", EntityState.Deleted => "delete", _ => "update" },
                EntityType: change.Entry.Metadata.ClrType.Name,
                EntityId: Truncate(string.Join(",", change.Entry.Metadata.FindPrimaryKey()!.Properties.Select(p => change.Entry.Property(p.Name).CurrentValue)), 100),
                change.Before,
                After: change.State == EntityState.Deleted ? null : Snapshot(change.Entry, original: false))).ToList();
            // The entity rows are written; accept them so nothing is written twice.
            ChangeTracker.AcceptAllChanges();
            if (npgsql)
            {
                // The rows are staged without a lock; a deferred trigger links them into the chain while the
                // transaction commits (db/postgres/0016), so the chain lock is never held across a round trip. When
                // this save owns the transaction the commit does not wait for the WAL flush either (which made every
                // save in the city serial at the disk's flush rate); the flush is waited for after it, before success
                // is reported. The WAL is written in order, so whatever is on disk after a crash is a prefix of the
                // chain, and nothing is acknowledged before it is durable.
                await Database.ExecuteSqlRawAsync(
                    "SELECT yiju_audit_stage(@at, @ticks, @actor, @action, @type, @id, @before, @after, @async)",
                    [
                        new NpgsqlParameter("at", at),
                        new NpgsqlParameter("ticks", at.Ticks),
                        new NpgsqlParameter("actor", Truncate(actor.Name, 100)),
                        new NpgsqlParameter("action", changes.Select(c => c.Action).ToArray()),
                        new NpgsqlParameter("type", changes.Select(c => c.EntityType).ToArray()),
                        new NpgsqlParameter("id", changes.Select(c => c.EntityId).ToArray()),
                        new NpgsqlParameter("before", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = changes.Select(c => c.Before).ToArray() },
                        new NpgsqlParameter("after", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = changes.Select(c => c.After).ToArray() },
                        new NpgsqlParameter("async", ownTransaction is not null),
                    ],
                    cancellationToken);
                if (ownTransaction is not null)
                {
                    await ownTransaction.CommitAsync(cancellationToken);
                    await FlushCommitted(cancellationToken);
                }
                return written;
            }

            // SQLite has one writer at a time: the transaction itself is the chain lock.
            var last = await AuditEntries.AsNoTracking().OrderByDescending(a => a.Seq)
                .Select(a => new { a.Seq, a.Hash }).FirstOrDefaultAsync(cancellationToken);
            var seq = last?.Seq ?? 0;
            var prevHash = last?.Hash ?? AuditChain.Genesis;
            var entries = new List<AuditEntry>(changes.Count);
            foreach (var change in changes)
            {
                var entry = new AuditEntry
                {
                    Seq = ++seq,
                    At = at,
                    Actor = Truncate(actor.Name, 100),
                    Action = change.Action,
                    EntityType = change.EntityType,
                    EntityId = change.EntityId,
                    Before = change.Before,
                    After = change.After,
                    PrevHash = prevHash,
                };
                entry.Hash = AuditChain.ComputeHash(entry);
                prevHash = entry.Hash;
                entries.Add(entry);
            }
            AuditEntries.AddRange(entries);
            await base.SaveChangesAsync(true, cancellationToken);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken);
            foreach (var e in entries)
                Entry(e).State = EntityState.Detached;
            return written;
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>
    /// Waits until everything this session committed is on disk: a one-statement transaction that writes a WAL record
    /// (a transactional logical-decoding message, which needs no table and no privilege) commits synchronously, and a
    /// synchronous commit flushes the WAL up to its own record, past every earlier commit. Concurrent sessions share
    /// the flushes (PostgreSQL's group commit), which the lock no longer prevents.
    /// </summary>
    private async Task FlushCommitted(CancellationToken ct) =>
        await Database.ExecuteSqlRawAsync("SELECT pg_logical_emit_message(true, 'yiju.durable', '')", ct);

    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in entry.Properties)
        {
            if (p.Metadata.FindAnnotation(NotInAuditSnapshot) is not null)
                continue;
            var redacted = p.Metadata.PropertyInfo?.GetCustomAttribute<RedactedInAuditAttribute>() is not null;
            values[p.Metadata.Name] = redacted ? "***" : original ? p.OriginalValue : p.CurrentValue;
        }
        return JsonSerializer.Serialize(values, AuditJson);
    }

    /// <summary>Marks a property whose value is derived from others (a search index's input), left out of audit snapshots.</summary>
    private const string NotInAuditSnapshot = "Yiju:NotInAuditSnapshot";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private sealed record PendingChange(EntityEntry Entry, EntityState State, string? Before);
}
