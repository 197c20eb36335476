using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;
using Yiju.Programme.Features;
using Yiju.Programme.Features.Export;
using Yiju.Programme.Features.Reporting;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>
/// A department's (or district's) reporting list: the indicators it reports, with drafts, returns and submissions, and
/// the reports that are overdue. Exportable as the page shows it.
/// </summary>
public sealed class ReportModel(ReportingQueues queues, OverdueReports overdue, IProgrammeDirectory directory) : PageModel
{
    public IReadOnlyList<ReportingItem> Items { get; private set; } = [];

    /// <summary>Overdue reports by indicator code; for district staff only their own district's lines.</summary>
    public ILookup<string, OverdueFlag> Overdue { get; private set; } = Array.Empty<OverdueFlag>().ToLookup(o => o.IndicatorCode);

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        if (!await Load(ct))
            return Forbid();
        return Page();
    }

    public async Task<IActionResult> OnGetExport(string? format, CancellationToken ct)
    {
        var f = TableExport.Format(format);
        if (f is null)
            return BadRequest();
        if (!await Load(ct))
            return Forbid();
        var rows = Items.SelectMany(x =>
        {
            var open = x.Open.Select(o => (IReadOnlyList<object?>)[x.Indicator.Code, x.Indicator.Name, x.Indicator.Unit, o.Period, o.DistrictCode ?? "全市", o.Value, o.Numerator, o.Denominator, ValueStatusText(o.Status), o.ReturnReason, null]);
            var late = Overdue[x.Indicator.Code].Select(o => (IReadOnlyList<object?>)[x.Indicator.Code, x.Indicator.Name, x.Indicator.Unit, o.Period, o.DistrictCode ?? "全市", null, null, null, "逾期未报", null, $"应于 {o.DueDate:yyyy-MM-dd} 前报送，已逾期 {o.WorkingDaysLate} 个工作日"]);
            return open.Concat(late);
        }).ToList();
        var table = new ExportTable("填报任务", ["指标代码", "指标名称", "单位", "期间", "区县", "数值", "分子", "分母", "状态", "退回原因", "逾期"], rows) { TextColumns = new HashSet<int> { 0, 3, 4 } };
        var (content, type, name) = TableExport.Write(f, table);
        return File(content, type, name);
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.Has(Role.DepartmentStaff) && !caller.Has(Role.DistrictStaff))
            return false;
        Items = await queues.ForDepartment(caller, ct);
        var departments = await directory.DepartmentNames(caller, ct);
        var districts = caller.Has(Role.DistrictStaff) ? await directory.DistrictCodes(caller, ct) : [];
        var whole = Items.Where(i => ReportingRules.CanReport(i.Task, caller.Grants, departments)).Select(i => i.Indicator.Code).ToHashSet(StringComparer.Ordinal);
        var flags = await overdue.For(Items.Select(i => i.Indicator.Id).ToList(), ct);
        // The lead department owes every line; district staff owe only their own district's lines.
        Overdue = flags.Where(f => whole.Contains(f.IndicatorCode) || (f.DistrictCode is not null && districts.Contains(f.DistrictCode)))
            .ToLookup(f => f.IndicatorCode, StringComparer.Ordinal);
        return true;
    }

    private static string ValueStatusText(ValueStatus s) => s switch
    {
        ValueStatus.Draft => "草稿",
        ValueStatus.Submitted => "已报送",
        ValueStatus.Approved => "已审核",
        ValueStatus.Returned => "已退回",
    };
}
