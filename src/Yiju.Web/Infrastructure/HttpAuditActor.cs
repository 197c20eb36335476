using Yiju.Kernel.Auditing;
using Yiju.Kernel.Security;

namespace Yiju.Web.Infrastructure;

/// <summary>
/// The audit actor of a web request: the signed-in user name (with "token:" for API tokens), or "anonymous"; in a
/// scope that works for earlier requests, the name they had (<see cref="OnBehalfOf"/>).
/// </summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor, OnBehalfOf onBehalfOf) : IAuditActor
{
    public string Name
    {
        get
        {
            if (onBehalfOf.Name is { } name)
                return name;
            var user = accessor.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true)
                return accessor.HttpContext is null ? "system" : "anonymous";
            var userName = user.FindFirst(YijuClaims.UserName)?.Value ?? "unknown";
            return user.Identity.AuthenticationType == Security.TokenAuthenticationHandler.SchemeName ? $"token:{userName}" : userName;
        }
    }
}
