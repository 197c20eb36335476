using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel.Security;
using Yiju.Organisation.Features.Account;

namespace Yiju.Web.Pages.Account;

public sealed class TokensModel(AccessTokens tokens) : PageModel
{
    public IReadOnlyList<TokenSummary> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGet(CancellationToken ct) => Tokens = await tokens.List(Caller.From(User).PersonId ?? 0, ct);

    // The new token is rendered in this response instead of redirecting: it must never be stored to show it later.
    public async Task<IActionResult> OnPostCreate(string? name, int? days, CancellationToken ct)
    {
        var outcome = await tokens.Create(Caller.From(User), name ?? "", days, ct);
        if (outcome.Succeeded)
            NewToken = outcome.Value!.Token;
        else
            Error = outcome.Failure!.Message;
        await OnGet(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevoke(long id, CancellationToken ct)
    {
        var outcome = await tokens.Revoke(Caller.From(User), id, ct);
        if (!outcome.Succeeded)
            return outcome.Failure!.Kind == Kernel.FailureKind.Forbidden ? Forbid() : NotFound();
        return RedirectToPage();
    }
}
