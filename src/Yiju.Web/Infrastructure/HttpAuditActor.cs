using Yiju.Kernel.Auditing;
using Yiju.Kernel.Security;

namespace Yiju.Web.Infrastructure;

/// <summary>The audit actor of a web request: the signed-in user name (with "token:" for API tokens), or "anonymous".</summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    public string Name
    {
        get
        {
            var user = accessor.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true)
                return accessor.HttpContext is null ? "system" : "anonymous";
            var name = user.FindFirst(YijuClaims.UserName)?.Value ?? "unknown";
            return user.Identity.AuthenticationType == Security.TokenAuthenticationHandler.SchemeName ? $"token:{name}" : name;
        }
    }
}
