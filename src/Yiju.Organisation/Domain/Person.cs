using Yiju.Kernel.Auditing;
using Yiju.Kernel.Security;

namespace Yiju.Organisation.Domain;

/// <summary>A member of staff who signs in. Residents do not have accounts: they use public pages.</summary>
public sealed class Person : IVersioned
{
    public long Id { get; set; }
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Phone { get; set; }
    [RedactedInAudit]
    public string PasswordHash { get; set; } = "";
    public int FailedSignIns { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime? LastSignInAt { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
    public List<RoleAssignment> Roles { get; set; } = [];
}

/// <summary>One role held by a person, scoped to a unit, a department, or (for city-wide roles) nothing.</summary>
public sealed class RoleAssignment
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Role Role { get; set; }
    public long? UnitId { get; set; }
    public long? DepartmentId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A personal access token for the JSON API. Only its SHA-256 is stored; the token is shown once.</summary>
public sealed class AccessToken
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The first characters of the token, so people can tell their tokens apart.</summary>
    public string Prefix { get; set; } = "";
    [RedactedInAudit]
    public string Hash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }

    public bool IsUsableAt(DateTime utcNow) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > utcNow);
}
