using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SignInHandler = Yiju.Organisation.Features.Account.SignIn;

namespace Yiju.Web.Pages.Account;

[EnableRateLimiting(Security.SecuritySetup.AnonymousLimit)]
public sealed class SignInModel(SignInHandler signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? UserName { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPost(string? userName, string? password, CancellationToken ct)
    {
        UserName = userName;
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || userName.Length > 64 || password.Length > 200)
        {
            Error = SignInHandler.WrongCredentials;
            return Page();
        }
        var outcome = await signIn.Handle(userName.Trim(), password, CookieAuthenticationDefaults.AuthenticationScheme, ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.Failure!.Message;
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, outcome.Value!);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
