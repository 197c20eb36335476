using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiju.Places.Domain;

namespace Yiju.Places.Data;

internal sealed class FacilityTypeConfiguration : IEntityTypeConfiguration<FacilityType>
{
    public void Configure(EntityTypeBuilder<FacilityType> b)
    {
        b.ToTable("places_facility_type");
        b.HasKey(t => t.Id);
        b.Property(t => t.Code).HasMaxLength(40).IsRequired();
        b.HasIndex(t => t.Code).IsUnique();
        b.Property(t => t.Name).HasMaxLength(100).IsRequired();
        b.Property(t => t.NameEn).HasMaxLength(100);
        b.Property(t => t.Family).HasMaxLength(40);
        b.Property(t => t.Clause).HasMaxLength(FacilityTypeEdit.MaxClauseLength).IsRequired();
        b.Property(t => t.ClauseVerification).HasMaxLength(FacilityTypeEdit.MaxVerificationLength);
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class FacilityConfiguration : IEntityTypeConfiguration<Facility>
{
    public void Configure(EntityTypeBuilder<Facility> b)
    {
        b.ToTable("places_facility");
        b.HasKey(f => f.Id);
        b.Property(f => f.Name).HasMaxLength(FacilityFile.MaxNameLength).IsRequired();
        b.Property(f => f.Source).HasMaxLength(20).IsRequired();
        b.Property(f => f.SourceRef).HasMaxLength(40);
        b.Property(f => f.Address).HasMaxLength(FacilityRules.MaxAddressLength);
        b.Property(f => f.DistrictCode).HasMaxLength(20);
        b.Property(f => f.StreetCode).HasMaxLength(40);
        b.Property(f => f.Version).IsConcurrencyToken();
        b.HasIndex(f => f.FacilityTypeId);
        b.HasIndex(f => f.SourceRef);
        b.HasOne<FacilityType>().WithMany().HasForeignKey(f => f.FacilityTypeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PopulationUnitConfiguration : IEntityTypeConfiguration<PopulationUnit>
{
    public void Configure(EntityTypeBuilder<PopulationUnit> b)
    {
        b.ToTable("places_population_unit");
        b.HasKey(p => p.Id);
        b.Property(p => p.Source).HasMaxLength(200).IsRequired();
        b.Property(p => p.DistrictCode).HasMaxLength(20);
        b.Property(p => p.StreetCode).HasMaxLength(40);
        b.Property(p => p.DistrictName).HasMaxLength(100);
        b.Property(p => p.StreetName).HasMaxLength(100);
        b.Ignore(p => p.Counts);
        b.HasIndex(p => p.IsEstimate);
    }
}

internal sealed class WalkingNetworkConfiguration : IEntityTypeConfiguration<WalkingNetwork>
{
    public void Configure(EntityTypeBuilder<WalkingNetwork> b)
    {
        b.ToTable("places_walking_network");
        b.HasKey(n => n.Id);
        b.Property(n => n.FileName).HasMaxLength(200).IsRequired();
        b.Property(n => n.Sha256).HasMaxLength(64).IsRequired();
        b.Property(n => n.Content).IsRequired();
        b.Property(n => n.ImportedBy).HasMaxLength(100).IsRequired();
    }
}

internal sealed class AnalysisRunConfiguration : IEntityTypeConfiguration<AnalysisRun>
{
    public void Configure(EntityTypeBuilder<AnalysisRun> b)
    {
        b.ToTable("places_analysis_run");
        b.HasKey(r => r.Id);
        b.Property(r => r.StartedBy).HasMaxLength(100).IsRequired();
        b.Property(r => r.ParametersJson).IsRequired();
        b.Property(r => r.InputsJson).IsRequired();
        b.Property(r => r.ResultJson).IsRequired();
        b.Property(r => r.TypesJson).IsRequired();
        b.HasOne<WalkingNetwork>().WithMany().HasForeignKey(r => r.NetworkId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CoverageRowConfiguration : IEntityTypeConfiguration<CoverageRow>
{
    public void Configure(EntityTypeBuilder<CoverageRow> b)
    {
        b.ToTable("places_coverage");
        b.HasKey(r => r.Id);
        b.Property(r => r.FacilityTypeCode).HasMaxLength(40).IsRequired();
        b.Property(r => r.AreaLevel).HasMaxLength(10).IsRequired();
        b.Property(r => r.AreaCode).HasMaxLength(40).IsRequired();
        b.Property(r => r.AreaName).HasMaxLength(100).IsRequired();
        b.HasIndex(r => new { r.RunId, r.FacilityTypeCode, r.AreaLevel });
        b.HasOne<AnalysisRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AnalysisJobConfiguration : IEntityTypeConfiguration<AnalysisJob>
{
    public void Configure(EntityTypeBuilder<AnalysisJob> b)
    {
        b.ToTable("places_analysis_job");
        b.HasKey(j => j.Id);
        b.Property(j => j.RequestedBy).HasMaxLength(100).IsRequired();
        b.Property(j => j.ParametersJson).IsRequired();
        b.Property(j => j.TypesJson).IsRequired();
        b.Property(j => j.InputsJson).IsRequired();
        b.Property(j => j.FailureReason).HasMaxLength(1000);
        b.Property(j => j.Version).IsConcurrencyToken();
        b.HasIndex(j => j.Status);
        b.HasOne<WalkingNetwork>().WithMany().HasForeignKey(j => j.NetworkId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AnalysisRun>().WithMany().HasForeignKey(j => j.RunId).OnDelete(DeleteBehavior.Restrict);
    }
}
