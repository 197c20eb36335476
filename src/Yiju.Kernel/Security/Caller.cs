using System.Security.Claims;

namespace Yiju.Kernel.Security;

/// <summary>Who is asking: the signed-in person (or API token holder) with their role grants. Anonymous residents have no grants.</summary>
public sealed record Caller(long? PersonId, string Name, IReadOnlyList<RoleGrant> Grants)
{
    public static Caller Anonymous { get; } = new(null, "anonymous", []);

    public static Caller System(string name) => new(null, name, [new RoleGrant(Role.CityAdmin, null, null)]);

    public static Caller From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? new Caller(user.PersonIdOf(), user.FindFirst(YijuClaims.UserName)?.Value ?? "unknown", user.Grants())
            : Anonymous;

    public bool Has(Role role) => Grants.Any(g => g.Role == role);
}
