using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Eligibility;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Domain.Stock;
using Yiju.Housing.Domain.Subsidies;

namespace Yiju.Housing.Data;

internal sealed class EligibilityRuleSetConfiguration : IEntityTypeConfiguration<EligibilityRuleSet>
{
    public void Configure(EntityTypeBuilder<EligibilityRuleSet> b)
    {
        b.ToTable("housing_rule_set");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(200).IsRequired();
        b.Property(s => s.PolicyReference).HasMaxLength(500).IsRequired();
        b.HasIndex(s => new { s.Scheme, s.Version }).IsUnique();
        b.HasMany(s => s.Rules).WithOne().HasForeignKey(r => r.RuleSetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EligibilityRuleConfiguration : IEntityTypeConfiguration<EligibilityRule>
{
    public void Configure(EntityTypeBuilder<EligibilityRule> b)
    {
        b.ToTable("housing_rule");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => r.RuleSetId);
    }
}

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<HouseholdApplication>
{
    public void Configure(EntityTypeBuilder<HouseholdApplication> b)
    {
        b.ToTable("housing_application");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Number).HasMaxLength(40).IsRequired();
        b.HasIndex(a => a.Number).IsUnique();
        b.HasIndex(a => a.HouseholdId);
        b.Property(a => a.DistrictCode).HasMaxLength(32).IsRequired();
        b.Property(a => a.StreetCode).HasMaxLength(32).IsRequired();
        b.HasIndex(a => new { a.Status, a.StreetCode });
        b.HasIndex(a => new { a.Status, a.DistrictCode });
        b.HasIndex(a => a.LotteryId);
        b.Property(a => a.LastReason).HasMaxLength(1000);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Ignore(a => a.Applicant);
        b.Ignore(a => a.HouseholdSize);
        b.Ignore(a => a.TotalMonthlyIncomeFen);
        b.HasMany(a => a.Members).WithOne().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Documents).WithOne().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Objections).WithOne().HasForeignKey(o => o.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<ApplicationMember>
{
    public void Configure(EntityTypeBuilder<ApplicationMember> b)
    {
        b.ToTable("housing_member");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Name).HasMaxLength(50).IsRequired();
        b.Property(m => m.IdNumber).HasMaxLength(18).IsRequired();
        b.HasIndex(m => m.IdNumber);
        b.HasIndex(m => m.ApplicationId);
    }
}

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<ApplicationDocument>
{
    public void Configure(EntityTypeBuilder<ApplicationDocument> b)
    {
        b.ToTable("housing_document");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Kind).HasMaxLength(50).IsRequired();
        b.Property(d => d.FileName).HasMaxLength(200).IsRequired();
        b.Property(d => d.ContentType).HasMaxLength(100).IsRequired();
        b.Property(d => d.Sha256Hex).HasMaxLength(64).IsRequired();
        b.HasIndex(d => d.ApplicationId);
    }
}

internal sealed class DocumentContentConfiguration : IEntityTypeConfiguration<DocumentContent>
{
    public void Configure(EntityTypeBuilder<DocumentContent> b)
    {
        b.ToTable("housing_document_content");
        b.HasKey(c => c.DocumentId);
        b.Property(c => c.DocumentId).ValueGeneratedNever();
        b.Property(c => c.Content).IsRequired();
        b.HasOne<ApplicationDocument>().WithOne().HasForeignKey<DocumentContent>(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> b)
    {
        b.ToTable("housing_event");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.HasIndex(e => new { e.ApplicationId, e.Sequence }).IsUnique();
        b.Property(e => e.Reason).HasMaxLength(1000);
    }
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> b)
    {
        b.ToTable("housing_objection");
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).ValueGeneratedNever();
        b.HasIndex(o => o.ApplicationId);
        b.Property(o => o.Text).HasMaxLength(2000).IsRequired();
        b.Property(o => o.RaisedBy).HasMaxLength(200).IsRequired();
        b.Property(o => o.Resolution).HasMaxLength(2000);
    }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<HousingProject>
{
    public void Configure(EntityTypeBuilder<HousingProject> b)
    {
        b.ToTable("housing_project");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.DistrictCode).HasMaxLength(32).IsRequired();
        b.Property(p => p.Address).HasMaxLength(300).IsRequired();
        b.HasMany(p => p.Flats).WithOne().HasForeignKey(f => f.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FlatConfiguration : IEntityTypeConfiguration<Flat>
{
    public void Configure(EntityTypeBuilder<Flat> b)
    {
        b.ToTable("housing_flat");
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.Code).HasMaxLength(40).IsRequired();
        b.HasIndex(f => new { f.ProjectId, f.Code }).IsUnique();
        b.Property(f => f.DistrictCode).HasMaxLength(32).IsRequired();
        b.HasIndex(f => f.Status);
        b.Property(f => f.Version).IsConcurrencyToken();
    }
}

internal sealed class LotteryConfiguration : IEntityTypeConfiguration<LotteryRecord>
{
    public void Configure(EntityTypeBuilder<LotteryRecord> b)
    {
        b.ToTable("housing_lottery");
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.Number).HasMaxLength(64).IsRequired();
        b.HasIndex(l => l.Number).IsUnique();
        b.Property(l => l.Title).HasMaxLength(200).IsRequired();
        b.Property(l => l.PublicRandomSource).HasMaxLength(500).IsRequired();
        b.Property(l => l.CommitmentFileSha256).HasMaxLength(64).IsRequired();
        b.Property(l => l.PublicRandomValue).HasMaxLength(500);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasOne<HousingProject>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SubsidyRulesConfiguration : IEntityTypeConfiguration<SubsidyRules>
{
    public void Configure(EntityTypeBuilder<SubsidyRules> b)
    {
        b.ToTable("housing_subsidy_rules");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => r.Version).IsUnique();
        b.HasMany(r => r.RentStandards).WithOne().HasForeignKey(s => s.RulesId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.IncomeBands).WithOne().HasForeignKey(s => s.RulesId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RentStandardConfiguration : IEntityTypeConfiguration<DistrictRentStandard>
{
    public void Configure(EntityTypeBuilder<DistrictRentStandard> b)
    {
        b.ToTable("housing_subsidy_rent_standard");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.DistrictCode).HasMaxLength(32).IsRequired();
        b.HasIndex(r => new { r.RulesId, r.DistrictCode }).IsUnique();
    }
}

internal sealed class IncomeBandConfiguration : IEntityTypeConfiguration<SubsidyIncomeBand>
{
    public void Configure(EntityTypeBuilder<SubsidyIncomeBand> b)
    {
        b.ToTable("housing_subsidy_income_band");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => r.RulesId);
    }
}

internal sealed class SubsidyAccountConfiguration : IEntityTypeConfiguration<SubsidyAccount>
{
    public void Configure(EntityTypeBuilder<SubsidyAccount> b)
    {
        b.ToTable("housing_subsidy_account");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.HasIndex(a => a.ApplicationId).IsUnique();
        b.HasIndex(a => a.HouseholdId);
        b.Property(a => a.DistrictCode).HasMaxLength(32).IsRequired();
        b.Property(a => a.PayeeName).HasMaxLength(50).IsRequired();
        b.Property(a => a.PayeeIdNumber).HasMaxLength(18).IsRequired();
        b.Property(a => a.BankName).HasMaxLength(100).IsRequired();
        b.Property(a => a.BankAccount).HasMaxLength(40).IsRequired();
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasMany(a => a.History).WithOne().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubsidyHistoryConfiguration : IEntityTypeConfiguration<SubsidyHistoryEntry>
{
    public void Configure(EntityTypeBuilder<SubsidyHistoryEntry> b)
    {
        b.ToTable("housing_subsidy_history");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.HasIndex(h => h.AccountId);
        b.Property(h => h.Reason).HasMaxLength(1000);
        b.Property(h => h.BatchId).HasMaxLength(64);
    }
}
