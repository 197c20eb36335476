namespace Yiju.Kernel.Security;

/// <summary>The roles a person can hold. Every role except <see cref="CityAdmin"/> and <see cref="Auditor"/> is scoped to a unit or department.</summary>
public enum Role
{
    CityAdmin = 1,
    ProgrammeCoordinator = 2,
    DepartmentStaff = 3,
    DistrictStaff = 4,
    StreetStaff = 5,
    HotlineOperator = 6,
    Auditor = 7,
}

public static class Roles
{
    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    /// <summary>What a role's scope must point at.</summary>
    public static ScopeKind RequiredScope(Role role) => role switch
    {
        Role.CityAdmin => ScopeKind.City,
        Role.Auditor => ScopeKind.City,
        Role.ProgrammeCoordinator => ScopeKind.City,
        Role.HotlineOperator => ScopeKind.City,
        Role.DepartmentStaff => ScopeKind.Department,
        Role.DistrictStaff => ScopeKind.District,
        Role.StreetStaff => ScopeKind.Street,
    };
}

public enum ScopeKind
{
    City = 1,
    District = 2,
    Street = 3,
    Department = 4,
}
