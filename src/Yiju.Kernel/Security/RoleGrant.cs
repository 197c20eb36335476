namespace Yiju.Kernel.Security;

/// <summary>
/// One role held by a person, with its scope: a unit (by its materialised path such as "/1/3/27/") or a department.
/// A null unit path and null department mean the whole city.
/// </summary>
public sealed record RoleGrant(Role Role, string? UnitPath, long? DepartmentId)
{
    public bool IsCityWide => UnitPath is null && DepartmentId is null;

    /// <summary>True when this grant's unit scope contains the unit with the given path (itself or a descendant).</summary>
    public bool CoversUnit(string unitPath) =>
        IsCityWide || (UnitPath is not null && unitPath.StartsWith(UnitPath, StringComparison.Ordinal));

    public bool CoversDepartment(long departmentId) => IsCityWide || DepartmentId == departmentId;
}
