using Microsoft.EntityFrameworkCore;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Data;

/// <summary>The organisation's tables. Implemented by YijuDb in Yiju.Data; handlers use EF Core through it directly.</summary>
public interface IOrganisationDb
{
    DbSet<Unit> Units { get; }
    DbSet<Department> Departments { get; }
    DbSet<Person> People { get; }
    DbSet<RoleAssignment> RoleAssignments { get; }
    DbSet<AccessToken> AccessTokens { get; }
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
