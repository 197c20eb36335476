using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Housing.Areas.Housing.Pages;

/// <summary>What every housing page shares: the caller, and a refusal shown on the page with the matching status code.</summary>
public abstract class HousingPageModel : PageModel
{
    public IReadOnlyList<string> Errors { get; protected set; } = [];

    [TempData]
    public string? Message { get; set; }

    protected Caller Caller => Caller.From(User);

    protected IActionResult Fail(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Response.StatusCode = failure.Kind switch
        {
            FailureKind.Invalid => StatusCodes.Status400BadRequest,
            FailureKind.NotFound => StatusCodes.Status404NotFound,
            FailureKind.Forbidden => StatusCodes.Status403Forbidden,
            FailureKind.Conflict => StatusCodes.Status409Conflict,
        };
        Errors = failure.Errors is { Count: > 0 } e ? [failure.Message, .. e.Values.SelectMany(v => v)] : [failure.Message];
        return Page();
    }
}
