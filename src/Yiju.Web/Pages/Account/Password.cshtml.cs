using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel.Security;
using Yiju.Organisation.Features.Account;

namespace Yiju.Web.Pages.Account;

public sealed class PasswordModel(ChangePassword changePassword) : PageModel
{
    [TempData]
    public bool Done { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPost(string? current, string? next, string? confirm, CancellationToken ct)
    {
        var outcome = await changePassword.Handle(Caller.From(User), current ?? "", next ?? "", confirm ?? "", ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.Failure!.Message;
            return Page();
        }
        Done = true;
        return RedirectToPage();
    }
}
