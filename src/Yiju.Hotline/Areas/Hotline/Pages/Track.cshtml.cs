using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Yiju.Hotline.Features.Queries;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>Public tracking with number and phone, posted rather than put in the address so the phone stays out of logs and history.</summary>
[EnableRateLimiting("anonymous")]
public sealed class TrackModel(TicketQueries queries) : HotlinePageModel
{
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Phone { get; set; }

    public PublicTicket? Ticket { get; private set; }
    public bool NotFoundShown { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPost(CancellationToken ct)
    {
        Ticket = await queries.Track(Number, Phone, ct);
        if (Ticket is null)
        {
            NotFoundShown = true;
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status404NotFound;
        }
        return Page();
    }
}
