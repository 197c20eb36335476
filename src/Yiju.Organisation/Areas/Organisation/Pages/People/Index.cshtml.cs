using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel.Security;
using Yiju.Organisation.Features.People;

namespace Yiju.Organisation.Areas.Organisation.Pages.People;

[Authorize(Policy = Policies.Admin)]
public sealed class PeopleIndexModel(PeopleHandlers handlers) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<PersonSummary> People { get; private set; } = [];

    public async Task OnGet(CancellationToken ct) => People = await handlers.List(Query is { Length: <= 64 } q ? q.Trim() : null, ct);

    public async Task<IActionResult> OnPostUnlock(long id, CancellationToken ct)
    {
        var outcome = await handlers.Unlock(id, Caller.From(User), ct);
        return outcome.Succeeded ? RedirectToPage() : NotFound();
    }
}
