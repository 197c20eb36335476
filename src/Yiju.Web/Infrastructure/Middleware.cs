using System.Diagnostics;

namespace Yiju.Web.Infrastructure;

public static class Middleware
{
    /// <summary>
    /// Headers every response carries. The content security policy allows only our own scripts and styles (Leaflet
    /// positions map panes with inline styles, hence 'unsafe-inline' for styles only) and no outside hosts at all.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var h = ctx.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "same-origin";
        h["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=()";
        h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        await next();
    });

    /// <summary>One line per request (method, path, status, time, user); refused requests at warning level so they stand out.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        await next();
        var logger = ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Yiju.Requests");
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var user = ctx.User.Identity?.IsAuthenticated == true ? ctx.User.Identity.Name : "anonymous";
        if (ctx.Response.StatusCode == StatusCodes.Status403Forbidden)
            logger.LogWarning("Refused {Method} {Path} for {User}: 403 in {Elapsed:0.0} ms", ctx.Request.Method, ctx.Request.Path, user, elapsed);
        else if (!ctx.Request.Path.StartsWithSegments("/lib", StringComparison.OrdinalIgnoreCase) && !ctx.Request.Path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase) && !ctx.Request.Path.StartsWithSegments("/js", StringComparison.OrdinalIgnoreCase))
            logger.LogInformation("{Method} {Path} {Status} in {Elapsed:0.0} ms for {User}", ctx.Request.Method, ctx.Request.Path, ctx.Response.StatusCode, elapsed, user);
    });
}
