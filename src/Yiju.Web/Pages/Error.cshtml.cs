using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiju.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }

    public IActionResult OnGet() => Handle();

    public IActionResult OnPost() => Handle();

    private IActionResult Handle()
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        // The API expects ProblemDetails, never an HTML page.
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path;
        if (original is not null && original.StartsWith("/api", StringComparison.Ordinal))
            return new ObjectResult(new ProblemDetails { Status = 500, Title = "Internal error", Detail = "服务器内部错误 (internal error); request " + RequestId }) { StatusCode = StatusCodes.Status500InternalServerError };
        return Page();
    }
}
