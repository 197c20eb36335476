using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Yiju.Data;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Features.Account;
using Yiju.Organisation.Features.Units;

namespace Yiju.Web.Security;

public static class SecuritySetup
{
    public const string SmartScheme = "Yiju";
    public const string AnonymousLimit = "anonymous";

    public static IServiceCollection AddYijuSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("Yiju");
        services.AddSingleton<DataProtectionKeyStore>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<DataProtectionKeyStore>((o, store) => o.XmlRepository = store);

        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "yiju.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/signin";
                o.LogoutPath = "/account/signout";
                o.AccessDeniedPath = "/account/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    // The API answers 401/403; only pages redirect to the sign-in form.
                    OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = Revalidate,
                };
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser().RequireClaim(YijuClaims.Grant))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(Role.CityAdmin)))
            .AddPolicy(Policies.AuditReader, p => p.RequireRole(nameof(Role.CityAdmin), nameof(Role.Auditor)))
            .AddPolicy(Policies.UnitEditor, p => p.RequireRole(nameof(Role.CityAdmin), nameof(Role.DistrictStaff), nameof(Role.StreetStaff)))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(YijuClaims.Grant).Build());
        services.AddSingleton<IAuthorizationHandler, UnitAuthorizationHandler>();

        var permits = configuration.GetValue("RateLimiting:AnonymousPermitsPerMinute", 60);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Signed-in staff are not limited; anonymous callers are limited per client address.
            o.AddPolicy(AnonymousLimit, ctx => ctx.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetNoLimiter("staff")
                : RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddAntiforgery(o => o.Cookie.Name = "yiju.af");
        return services;
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A cookie carries the grants it was issued with. Check the person on each request so that a deactivation or a
    /// change of roles takes effect at once rather than when the cookie expires. Every such change bumps the person's
    /// row version, so the common case is one small query; the principal is rebuilt only when the version moved.
    /// </summary>
    private static async Task Revalidate(CookieValidatePrincipalContext ctx)
    {
        if (ctx.Principal?.PersonIdOf() is not { } personId)
        {
            ctx.RejectPrincipal();
            return;
        }
        var ct = ctx.HttpContext.RequestAborted;
        var db = ctx.HttpContext.RequestServices.GetRequiredService<IOrganisationDb>();
        var state = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.Active, p.Version }).FirstOrDefaultAsync(ct);
        if (state is null || !state.Active)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        var issuedVersion = ctx.Principal.FindFirst(YijuClaims.PersonVersion)?.Value;
        if (issuedVersion == state.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            return;
        var person = await db.People.AsNoTracking().Include(p => p.Roles).FirstAsync(p => p.Id == personId, ct);
        ctx.ReplacePrincipal(await PrincipalBuilder.Build(db, person, CookieAuthenticationDefaults.AuthenticationScheme, ct));
        ctx.ShouldRenew = true;
    }
}
