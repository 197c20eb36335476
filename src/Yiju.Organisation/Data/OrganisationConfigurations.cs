using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Data;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("org_unit");
        b.HasKey(u => u.Id);
        b.Property(u => u.Code).HasMaxLength(OrganisationRules.MaxCodeLength).IsRequired();
        b.HasIndex(u => u.Code).IsUnique();
        b.Property(u => u.Name).HasMaxLength(OrganisationRules.MaxNameLength).IsRequired();
        b.Property(u => u.NameEn).HasMaxLength(OrganisationRules.MaxNameLength);
        b.Property(u => u.Path).HasMaxLength(200).IsRequired();
        b.HasIndex(u => u.Path);
        b.HasIndex(u => u.ParentId);
        b.HasIndex(u => u.Level);
        b.Property(u => u.BoundarySource).HasMaxLength(200);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("org_department");
        b.HasKey(d => d.Id);
        b.Property(d => d.Code).HasMaxLength(OrganisationRules.MaxCodeLength).IsRequired();
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.Name).HasMaxLength(OrganisationRules.MaxNameLength).IsRequired();
        b.Property(d => d.NameEn).HasMaxLength(OrganisationRules.MaxNameLength);
        b.Property(d => d.Version).IsConcurrencyToken();
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("org_person");
        b.HasKey(p => p.Id);
        b.Property(p => p.UserName).HasMaxLength(64).IsRequired();
        b.HasIndex(p => p.UserName).IsUnique();
        b.Property(p => p.DisplayName).HasMaxLength(OrganisationRules.MaxNameLength).IsRequired();
        b.Property(p => p.Phone).HasMaxLength(32);
        b.Property(p => p.PasswordHash).HasMaxLength(200).IsRequired();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasMany(p => p.Roles).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.ToTable("org_role_assignment");
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.PersonId);
        b.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> b)
    {
        b.ToTable("org_access_token");
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(OrganisationRules.MaxNameLength).IsRequired();
        b.Property(t => t.Prefix).HasMaxLength(16).IsRequired();
        b.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasIndex(t => t.PersonId);
        b.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
