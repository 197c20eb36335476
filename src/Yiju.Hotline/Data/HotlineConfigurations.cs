using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiju.Hotline.Domain;

namespace Yiju.Hotline.Data;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.ToTable("hotline_ticket");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Number).HasMaxLength(32).IsRequired();
        b.HasIndex(t => t.Number).IsUnique();
        // The domain bumps Version on every transition; the database only checks it (app-managed token, see YijuDb).
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Property(t => t.CategoryCode).HasMaxLength(80).IsRequired();
        b.Property(t => t.CallerName).HasMaxLength(100);
        b.Property(t => t.CallerPhone).HasMaxLength(20);
        b.Property(t => t.Title).HasMaxLength(TicketIntake.MaxTitleLength);
        b.Property(t => t.OriginalText).HasMaxLength(TicketIntake.MaxTextLength).IsRequired();
        b.Property(t => t.Text).HasMaxLength(TicketIntake.MaxTextLength).IsRequired();
        b.Property(t => t.Address).HasMaxLength(TicketIntake.MaxAddressLength);
        b.Property(t => t.CurrentUnitName).HasMaxLength(200);
        b.Property(t => t.ReplyText).HasMaxLength(TicketIntake.MaxTextLength);
        b.Property(t => t.ExtensionReason).HasMaxLength(1000);
        b.Property(t => t.LastReturnReason).HasMaxLength(1000);
        b.Ignore(t => t.CallerPhoneMasked);
        b.Ignore(t => t.Location);
        b.Ignore(t => t.Lifecycle);
        // The work queue: tickets held by one unit, by status and deadline.
        b.HasIndex(t => new { t.CurrentUnitKind, t.CurrentUnitId, t.Status });
        // Both cover what the monthly KPI dashboard reads (migration 0012), so a month of tickets is counted from the
        // index alone instead of from the wide rows with their texts.
        b.HasIndex(t => new { t.AcceptedAtUtc, t.ResolvedAtIntake });
        b.HasIndex(t => new
        {
            t.FirstDispatchedAtUtc,
            t.Status,
            t.CurrentUnitKind,
            t.CurrentUnitId,
            t.SignForDueUtc,
            t.SignedForAtUtc,
            t.HandlingDueUtc,
            t.RepliedAtUtc,
            t.CallbackResolved,
            t.CallbackSatisfaction,
        });
        b.HasIndex(t => t.DistrictId);
        // Open tickets in queue order (migration 0012), partial so that two million closed tickets are not in them:
        // the centre's queue, a holder's queue and a district's territory, each walked by deadline and stopped after
        // one page. The queries repeat the filter with constants so the planner can match it (TicketQueries.Queue).
        var open = $"status <> {(int)TicketStatus.Closed} AND status <> {(int)TicketStatus.Merged}";
        b.HasIndex(t => new { t.HandlingDueUtc, t.AcceptedAtUtc }).HasFilter(open);
        b.HasIndex(t => new { t.CurrentUnitId, t.HandlingDueUtc }).HasFilter(open);
        b.HasIndex(t => new { t.DistrictId, t.HandlingDueUtc }).HasFilter(open);
        // Open tickets by category, for the queue's category filter (a code or a code prefix; on PostgreSQL the index
        // uses pattern operators so that a prefix is a range whatever the database's collation, see YijuDb).
        b.HasIndex(t => t.CategoryCode).HasFilter(open);
        // The overdue filter, one index per arm of its OR (sign-for due while dispatched; handling due while dispatched
        // or in handling), so the planner reads the few overdue tickets instead of every open one.
        var dispatched = (int)TicketStatus.Dispatched;
        b.HasIndex(t => t.SignForDueUtc).HasFilter($"status = {dispatched}");
        b.HasIndex(t => t.HandlingDueUtc).HasFilter($"status IN ({dispatched}, {(int)TicketStatus.InHandling})");
        b.HasMany(t => t.Timeline).WithOne().HasForeignKey(e => e.TicketId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Timeline).UsePropertyAccessMode(PropertyAccessMode.Property);
    }
}

internal sealed class TicketEventConfiguration : IEntityTypeConfiguration<TicketEvent>
{
    public void Configure(EntityTypeBuilder<TicketEvent> b)
    {
        b.ToTable("hotline_ticket_event");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.TicketId, e.Sequence }).IsUnique();
        b.Property(e => e.ActorName).HasMaxLength(100).IsRequired();
        b.Property(e => e.Note).HasMaxLength(TicketIntake.MaxTextLength);
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.ToTable("hotline_category");
        b.HasKey(c => c.Code);
        b.Property(c => c.Code).HasMaxLength(80);
        b.Property(c => c.ParentCode).HasMaxLength(80);
        b.Property(c => c.NameZh).HasMaxLength(100).IsRequired();
        b.Property(c => c.NameEn).HasMaxLength(100).IsRequired();
        b.Property(c => c.DefaultUnit).HasMaxLength(100).IsRequired();
        b.Property(c => c.Keywords)
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<string>>(v, JsonSerializerOptions.Default) ?? new List<string>(),
                new ValueComparer<List<string>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))), v => v.ToList()))
            .HasMaxLength(4000)
            .IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.IsTopLevel);
        b.Ignore(c => c.TopLevelCode);
    }
}

internal sealed class TicketNumberCounterConfiguration : IEntityTypeConfiguration<TicketNumberCounter>
{
    public void Configure(EntityTypeBuilder<TicketNumberCounter> b)
    {
        b.ToTable("hotline_number_counter");
        b.HasKey(c => new { c.Prefix, c.Day });
        b.Property(c => c.Prefix).HasMaxLength(8);
        b.Property(c => c.Day).HasMaxLength(8);
    }
}

internal sealed class SubmissionKeyConfiguration : IEntityTypeConfiguration<SubmissionKey>
{
    public void Configure(EntityTypeBuilder<SubmissionKey> b)
    {
        b.ToTable("hotline_submission_key");
        b.HasKey(k => k.Key);
        b.Property(k => k.Key).HasMaxLength(100);
        b.HasOne<Ticket>().WithMany().HasForeignKey(k => k.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class Open311ClientConfiguration : IEntityTypeConfiguration<Open311Client>
{
    public void Configure(EntityTypeBuilder<Open311Client> b)
    {
        b.ToTable("hotline_open311_client");
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(100).IsRequired();
        b.Property(c => c.KeyPrefix).HasMaxLength(16).IsRequired();
        b.Property(c => c.KeyHash).HasMaxLength(64).IsRequired();
        b.HasIndex(c => c.KeyHash).IsUnique();
    }
}

internal sealed class DeadlineNoticeConfiguration : IEntityTypeConfiguration<DeadlineNotice>
{
    public void Configure(EntityTypeBuilder<DeadlineNotice> b)
    {
        b.ToTable("hotline_deadline_notice");
        b.HasKey(n => n.Id);
        b.Property(n => n.TicketNumber).HasMaxLength(32).IsRequired();
        // Exactly once per ticket, kind and deadline, whatever the number of nodes or runs.
        b.HasIndex(n => new { n.TicketId, n.Kind, n.DueUtc }).IsUnique();
        // A unit's queue: its notices, newest first.
        b.HasIndex(n => new { n.UnitKind, n.UnitId, n.CreatedAtUtc });
        b.HasIndex(n => n.CreatedAtUtc);
        b.HasOne<Ticket>().WithMany().HasForeignKey(n => n.TicketId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("hotline_job_lease");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(50);
        b.Property(l => l.Holder).HasMaxLength(100).IsRequired();
    }
}

internal sealed class KnowledgeEntryConfiguration : IEntityTypeConfiguration<KnowledgeEntry>
{
    public void Configure(EntityTypeBuilder<KnowledgeEntry> b)
    {
        b.ToTable("hotline_kb_entry");
        b.HasKey(e => e.Id);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.CategoryCode).HasMaxLength(80).IsRequired();
        b.Property(e => e.Title).HasMaxLength(KnowledgeMatcher.MaxTitleLength).IsRequired();
        b.Property(e => e.Answer).HasMaxLength(KnowledgeMatcher.MaxAnswerLength).IsRequired();
        b.Property(e => e.Source).HasMaxLength(KnowledgeMatcher.MaxSourceLength).IsRequired();
        b.Property(e => e.UpdatedBy).HasMaxLength(100).IsRequired();
        b.HasIndex(e => e.CategoryCode);
    }
}

internal sealed class KnowledgeRevisionConfiguration : IEntityTypeConfiguration<KnowledgeRevision>
{
    public void Configure(EntityTypeBuilder<KnowledgeRevision> b)
    {
        b.ToTable("hotline_kb_revision");
        b.HasKey(r => r.Id);
        b.HasIndex(r => new { r.EntryId, r.Revision }).IsUnique();
        b.Property(r => r.CategoryCode).HasMaxLength(80).IsRequired();
        b.Property(r => r.Title).HasMaxLength(KnowledgeMatcher.MaxTitleLength).IsRequired();
        b.Property(r => r.Answer).HasMaxLength(KnowledgeMatcher.MaxAnswerLength).IsRequired();
        b.Property(r => r.Source).HasMaxLength(KnowledgeMatcher.MaxSourceLength).IsRequired();
        b.Property(r => r.EditedBy).HasMaxLength(100).IsRequired();
        b.HasOne<KnowledgeEntry>().WithMany().HasForeignKey(r => r.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CallCountDayConfiguration : IEntityTypeConfiguration<CallCountDay>
{
    public void Configure(EntityTypeBuilder<CallCountDay> b)
    {
        b.ToTable("hotline_call_count");
        b.HasKey(c => c.Day);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Property(c => c.RecordedBy).HasMaxLength(100).IsRequired();
    }
}

internal sealed class DeadlineRuleRowConfiguration : IEntityTypeConfiguration<DeadlineRuleRow>
{
    public void Configure(EntityTypeBuilder<DeadlineRuleRow> b)
    {
        b.ToTable("hotline_deadline_rule");
        b.HasKey(r => r.Id);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Property(r => r.CategoryCode).HasMaxLength(80);
    }
}

internal sealed class KpiWeightsRowConfiguration : IEntityTypeConfiguration<KpiWeightsRow>
{
    public void Configure(EntityTypeBuilder<KpiWeightsRow> b)
    {
        b.ToTable("hotline_kpi_weights");
        b.HasKey(w => w.Version);
        b.Property(w => w.Version).ValueGeneratedNever();
        b.Property(w => w.Note).HasMaxLength(500);
        b.Property(w => w.CreatedBy).HasMaxLength(100).IsRequired();
    }
}

internal sealed class StatusLabelRowConfiguration : IEntityTypeConfiguration<StatusLabelRow>
{
    public void Configure(EntityTypeBuilder<StatusLabelRow> b)
    {
        b.ToTable("hotline_status_label");
        b.HasKey(l => l.Status);
        b.Property(l => l.Status).ValueGeneratedNever();
        b.Property(l => l.Version).IsConcurrencyToken();
        b.Property(l => l.LabelZh).HasMaxLength(40).IsRequired();
        b.Property(l => l.LabelEn).HasMaxLength(60).IsRequired();
    }
}
