using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Yiju.Housing.Features.Applications;

namespace Yiju.Housing.Areas.Housing.Pages;

/// <summary>The applicant's own view, by application number and full ID number (posted, so the number stays out of URLs and logs).</summary>
[EnableRateLimiting("anonymous")]
public sealed class StatusModel(ApplicationQueries queries) : HousingPageModel
{
    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? IdNumber { get; set; }

    public ApplicantView? View { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPost(CancellationToken ct)
    {
        View = await queries.ForApplicant(Number, IdNumber, ct);
        IdNumber = null;
        if (View is null)
            return Fail(Kernel.Failure.NotFound("没有找到该申请，请核对申请编号和申请人身份证号 (not found: check the number and the applicant's ID number)"));
        return Page();
    }
}
