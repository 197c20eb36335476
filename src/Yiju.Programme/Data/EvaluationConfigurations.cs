using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Data;

// Published weights and index definitions are versioned: a new weighting is a new row with the next version number,
// never an update, so every ranking and index value can be recomputed with the version it names.

internal sealed class EvaluationSchemeConfiguration : IEntityTypeConfiguration<EvaluationScheme>
{
    public void Configure(EntityTypeBuilder<EvaluationScheme> b)
    {
        b.ToTable("prog_evaluation_scheme");
        b.HasKey(s => s.Id);
        b.Property(s => s.Code).HasMaxLength(ProgrammeLimits.Code).IsRequired();
        b.Property(s => s.Name).HasMaxLength(ProgrammeLimits.Name).IsRequired();
        b.Property(s => s.PublishedBy).HasMaxLength(ProgrammeLimits.Name).IsRequired();
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.Code, s.VersionNumber }).IsUnique();
        b.Ignore(s => s.Formula);
    }
}

internal sealed class LivabilityIndexDefinitionConfiguration : IEntityTypeConfiguration<LivabilityIndexDefinition>
{
    public void Configure(EntityTypeBuilder<LivabilityIndexDefinition> b)
    {
        b.ToTable("prog_index_definition");
        b.HasKey(d => d.Id);
        b.Property(d => d.Code).HasMaxLength(ProgrammeLimits.Code).IsRequired();
        b.Property(d => d.Name).HasMaxLength(ProgrammeLimits.Name).IsRequired();
        b.Property(d => d.PublishedBy).HasMaxLength(ProgrammeLimits.Name).IsRequired();
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasIndex(d => new { d.Code, d.VersionNumber }).IsUnique();
        b.Ignore(d => d.Formula);
        b.HasMany(d => d.Components).WithOne().HasForeignKey(c => c.DefinitionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LivabilityIndexComponentConfiguration : IEntityTypeConfiguration<LivabilityIndexComponent>
{
    public void Configure(EntityTypeBuilder<LivabilityIndexComponent> b)
    {
        b.ToTable("prog_index_component");
        b.HasKey(c => c.Id);
        b.Property(c => c.IndicatorCode).HasMaxLength(ProgrammeLimits.Code).IsRequired();
        b.HasIndex(c => c.DefinitionId);
    }
}
