using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Yiju.Kernel.Http;
using Yiju.Kernel.Security;
using Yiju.Organisation.Features.Account;

namespace Yiju.Web.Api;

public sealed record MeResponse(long? PersonId, string UserName, IReadOnlyList<GrantResponse> Grants);

public sealed record GrantResponse(string Role, string? UnitPath, long? DepartmentId);

public sealed record CreateTokenRequest(string Name, int? DaysValid);

public static class AccountApi
{
    public static void MapAccountApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/account").WithTags("Account").RequireAuthorization(Policies.Staff);
        group.MapGet("/me", (HttpContext http) =>
        {
            var caller = Caller.From(http.User);
            return TypedResults.Ok(new MeResponse(caller.PersonId, caller.Name, caller.Grants.Select(g => new GrantResponse(g.Role.ToString(), g.UnitPath, g.DepartmentId)).ToList()));
        }).WithName("GetMe").WithSummary("Who the caller is, with role grants and scopes.");

        group.MapGet("/tokens", async (HttpContext http, AccessTokens tokens, CancellationToken ct) =>
            TypedResults.Ok(await tokens.List(Caller.From(http.User).PersonId ?? 0, ct)))
            .WithName("ListTokens").WithSummary("The caller's personal access tokens (never the tokens themselves).");

        group.MapPost("/tokens", async Task<Results<Ok<CreatedToken>, ProblemHttpResult>> (CreateTokenRequest request, HttpContext http, AccessTokens tokens, CancellationToken ct) =>
        {
            var outcome = await tokens.Create(Caller.From(http.User), request.Name ?? "", request.DaysValid, ct);
            return outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();
        }).WithName("CreateToken").WithSummary("Creates a token; the response is the only time the token is shown.");

        group.MapDelete("/tokens/{id:long}", async Task<Results<NoContent, ProblemHttpResult>> (long id, HttpContext http, AccessTokens tokens, CancellationToken ct) =>
        {
            var outcome = await tokens.Revoke(Caller.From(http.User), id, ct);
            return outcome.Succeeded ? TypedResults.NoContent() : outcome.Failure!.ToProblem();
        }).WithName("RevokeToken").WithSummary("Revokes a token at once.");
    }

    /// <summary>The language switch in the page header: remembers the choice in the standard culture cookie.</summary>
    public static void MapCultureSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = culture is "en" ? "en" : "zh-CN";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/");
        }).AllowAnonymous().ExcludeFromDescription();
}
