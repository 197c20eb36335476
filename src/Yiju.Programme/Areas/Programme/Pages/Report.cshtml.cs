using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel.Security;
using Yiju.Programme.Features.Reporting;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>A department's reporting list: the indicators of the tasks it leads, with drafts, returns and submissions.</summary>
public sealed class ReportModel(ReportingQueues queues) : PageModel
{
    public IReadOnlyList<ReportingItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.Has(Role.DepartmentStaff))
            return Forbid();
        Items = await queues.ForDepartment(caller, ct);
        return Page();
    }
}
