namespace Yiju.Kernel.Security;

/// <summary>
/// Authorisation policy names used on pages and endpoints across modules. The web host defines them; the fallback
/// policy is <see cref="Staff"/>, so a page or endpoint without an explicit policy is closed to anonymous users.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in person holding at least one role.</summary>
    public const string Staff = "staff";
    public const string Admin = "admin";
    public const string AuditReader = "audit-reader";
    /// <summary>People who may change units somewhere (administrators, district and street staff); the exact scope is checked per unit.</summary>
    public const string UnitEditor = "unit-editor";
}
