using Yiju.Kernel.Security;

namespace Yiju.Organisation.Domain;

/// <summary>Who may change what in the organisation, and what a valid name or code looks like.</summary>
public static class OrganisationRules
{
    public const int MaxNameLength = 100;
    public const int MaxCodeLength = 20;

    /// <summary>
    /// Administrators change anything. District staff add and edit the streets and communities of their own district;
    /// street staff the communities of their own street. District-level units and the city are the administrator's.
    /// </summary>
    public static bool CanManageUnit(IReadOnlyList<RoleGrant> grants, UnitLevel level, string unitOrParentPath) =>
        grants.Any(g => g.Role switch
        {
            Role.CityAdmin => true,
            Role.DistrictStaff => level is UnitLevel.Street or UnitLevel.Community && g.UnitPath is not null && unitOrParentPath.StartsWith(g.UnitPath, StringComparison.Ordinal),
            Role.StreetStaff => level is UnitLevel.Community && g.UnitPath is not null && unitOrParentPath.StartsWith(g.UnitPath, StringComparison.Ordinal),
            Role.ProgrammeCoordinator or Role.DepartmentStaff or Role.HotlineOperator or Role.Auditor => false,
        });

    public static bool IsAdmin(IReadOnlyList<RoleGrant> grants) => grants.Any(g => g.Role == Role.CityAdmin);

    public static bool CanReadAudit(IReadOnlyList<RoleGrant> grants) => grants.Any(g => g.Role is Role.CityAdmin or Role.Auditor);

    /// <summary>Null when the name is acceptable, otherwise why not.</summary>
    public static string? CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "名称不能为空 (name is required)";
        if (name.Length > MaxNameLength)
            return $"名称不能超过 {MaxNameLength} 个字符 (name longer than {MaxNameLength})";
        if (name.Any(c => char.IsControl(c) || c is '<' or '>'))
            return "名称含有不允许的字符 (name contains control characters or angle brackets)";
        return null;
    }

    public static string? CheckCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
            return "代码不能为空 (code is required)";
        if (code.Length > MaxCodeLength)
            return $"代码不能超过 {MaxCodeLength} 个字符 (code longer than {MaxCodeLength})";
        if (!code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return "代码只能包含字母、数字、- 和 _ (code may hold letters, digits, - and _ only)";
        return null;
    }

    /// <summary>Checks that a role is given the kind of scope it needs: a district for district staff, and so on.</summary>
    public static string? CheckGrantScope(Role role, UnitLevel? unitLevel, bool hasDepartment)
    {
        var needed = Roles.RequiredScope(role);
        return needed switch
        {
            ScopeKind.City when unitLevel is null && !hasDepartment => null,
            ScopeKind.City => "该角色是全市范围，不能指定单位或部门 (this role is city-wide)",
            ScopeKind.Department when hasDepartment && unitLevel is null => null,
            ScopeKind.Department => "部门工作人员必须指定一个部门 (department staff need a department)",
            ScopeKind.District when unitLevel == UnitLevel.District && !hasDepartment => null,
            ScopeKind.District => "区县工作人员必须指定一个区县 (district staff need a district-level unit)",
            ScopeKind.Street when unitLevel == UnitLevel.Street && !hasDepartment => null,
            ScopeKind.Street => "街道工作人员必须指定一个街道 (street staff need a street)",
        };
    }
}
