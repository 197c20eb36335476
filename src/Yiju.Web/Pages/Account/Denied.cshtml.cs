using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiju.Web.Pages.Account;

public sealed class DeniedModel : PageModel
{
    /// <summary>The page a refused request lands on still answers 403, so clients and logs see the refusal.</summary>
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
