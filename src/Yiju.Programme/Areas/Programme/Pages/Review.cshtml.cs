using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Reporting;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>The coordinators' queue of submitted values, oldest first, with approve and return.</summary>
public sealed class ReviewModel(ReportingQueues queues, ReviewValue review) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public IReadOnlyList<QueueItem> Items { get; private set; } = [];

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        if (!ReportingRules.CanReview(User.Grants()))
            return Forbid();
        Items = await queues.AwaitingReview(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExport(string? format, CancellationToken ct)
    {
        var f = Features.Export.TableExport.Format(format);
        if (f is null)
            return BadRequest();
        if (!ReportingRules.CanReview(User.Grants()))
            return Forbid();
        Items = await queues.AwaitingReview(ct);
        var table = new Features.Export.ExportTable("待审核", ["指标代码", "指标名称", "单位", "牵头单位", "期间", "区县", "数值", "分子", "分母", "修订", "说明", "填报人", "报送时间"],
            Items.Select(x => (IReadOnlyList<object?>)[x.IndicatorCode, x.IndicatorName, x.Unit, x.LeadDepartment, x.Period, x.DistrictCode ?? "全市", x.Value,
                x.Numerator, x.Denominator, x.Revision, x.Explanation, x.EnteredBy, ProgrammeFormat.Time(x.SubmittedAtUtc)]).ToList())
        { TextColumns = new HashSet<int> { 0, 4, 5 } };
        var (content, type, name) = Features.Export.TableExport.Write(f, table);
        return File(content, type, name);
    }

    public async Task<IActionResult> OnPostReview(Guid id, bool approve, string? reason, long version, CancellationToken ct)
    {
        var outcome = await review.Handle(new ReviewValueCommand(id, approve, reason, version), Caller.From(User), ct);
        if (outcome.Succeeded)
            return RedirectToPage(new { done = approve ? "approved" : "returned" });
        if (outcome.Failure!.Kind == FailureKind.Forbidden && !ReportingRules.CanReview(User.Grants()))
            return Forbid();
        Errors.Add(outcome.Failure.Message);
        if (outcome.Failure.Errors is { } errors)
            Errors.AddRange(errors.SelectMany(e => e.Value).Where(m => !string.Equals(m, outcome.Failure.Message, StringComparison.Ordinal)));
        Response.StatusCode = outcome.Failure.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        Done = null;
        Items = await queues.AwaitingReview(ct);
        return Page();
    }
}
