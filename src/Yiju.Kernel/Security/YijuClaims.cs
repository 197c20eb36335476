using System.Security.Claims;

namespace Yiju.Kernel.Security;

/// <summary>
/// Claim names Yiju puts on a signed-in principal. A role grant is one claim "yiju:grant" whose value is
/// "Role|UnitPath|DepartmentId"; carrying the unit path lets every module check scope without a database read.
/// </summary>
public static class YijuClaims
{
    public const string PersonId = "yiju:person";
    public const string UserName = "yiju:user";
    public const string DisplayName = "yiju:name";
    public const string Grant = "yiju:grant";
    /// <summary>The person's row version when the principal was built; a change (roles, deactivation, password) means rebuild.</summary>
    public const string PersonVersion = "yiju:version";

    public static string FormatGrant(RoleGrant grant) =>
        $"{grant.Role}|{grant.UnitPath}|{grant.DepartmentId?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static RoleGrant? ParseGrant(string value)
    {
        var parts = value.Split('|');
        if (parts.Length != 3 || !Enum.TryParse<Role>(parts[0], out var role))
            return null;
        long? department = long.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
        return new RoleGrant(role, parts[1].Length == 0 ? null : parts[1], department);
    }

    public static IReadOnlyList<RoleGrant> Grants(this ClaimsPrincipal user) =>
        user.FindAll(Grant).Select(c => ParseGrant(c.Value)).OfType<RoleGrant>().ToList();

    public static long? PersonIdOf(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(PersonId)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}
