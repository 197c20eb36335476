using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Yiju.Data;
using Yiju.Organisation.Features.Units;

namespace Yiju.Web.Pages;

public sealed class IndexModel(UnitQueries units, YijuDb db) : PageModel
{
    public UnitCounts Counts { get; private set; } = new(0, 0, 0, 0, 0);
    public long AuditRows { get; private set; }

    public async Task OnGet(CancellationToken ct)
    {
        Counts = await units.Counts(ct);
        AuditRows = await db.AuditEntries.LongCountAsync(ct);
    }
}
