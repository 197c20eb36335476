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
        // The exception handler has already chosen the status (400 for a malformed request, 500 otherwise).
        var status = Response.StatusCode >= 400 ? Response.StatusCode : StatusCodes.Status500InternalServerError;
        if (original is not null && original.StartsWith("/api", StringComparison.Ordinal))
        {
            var detail = status < 500 ? "请求格式不正确 (malformed request)" : "服务器内部错误 (internal error)";
            return new ObjectResult(new ProblemDetails { Status = status, Title = status < 500 ? "Bad request" : "Internal error", Detail = $"{detail}; request {RequestId}" }) { StatusCode = status };
        }
        Response.StatusCode = status;
        return Page();
    }
}
