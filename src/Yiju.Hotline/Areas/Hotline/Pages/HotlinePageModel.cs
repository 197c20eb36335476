using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>What every hotline page shares: the caller, the refusal shown at the top, and the status code it answers with.</summary>
public abstract class HotlinePageModel : PageModel
{
    public List<string> Errors { get; } = [];

    protected Caller Caller => Caller.From(User);

    /// <summary>Shows a refusal on the page with the matching status (400, 403, 404, 409); a Forbidden on GET becomes the host's 403.</summary>
    protected void Show(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Errors.Add(failure.Message);
        if (failure.Errors is { } errors)
            Errors.AddRange(errors.SelectMany(e => e.Value).Where(m => !string.Equals(m, failure.Message, StringComparison.Ordinal)));
        Response.StatusCode = failure.Kind switch
        {
            FailureKind.Invalid => StatusCodes.Status400BadRequest,
            FailureKind.NotFound => StatusCodes.Status404NotFound,
            FailureKind.Forbidden => StatusCodes.Status403Forbidden,
            FailureKind.Conflict => StatusCodes.Status409Conflict,
        };
    }

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "—";

    protected IActionResult ForbidOr(Failure failure)
    {
        if (failure.Kind == FailureKind.Forbidden)
            return Forbid();
        Show(failure);
        return Page();
    }
}
