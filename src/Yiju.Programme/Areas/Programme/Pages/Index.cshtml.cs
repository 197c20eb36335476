using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Queries;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>The programme at a glance: six homes with their tasks counted by status, and the tasks behind 序时进度. Public.</summary>
public sealed class IndexModel(ProgrammeQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    public OverviewView? Overview { get; private set; }

    public IReadOnlyList<TaskProgress> Lagging { get; private set; } = [];

    /// <summary>Every indicator with its governing target, actual, share, 序时进度 and status, as the drill-down pages show them.</summary>
    public async Task<IActionResult> OnGetExport(string? format, CancellationToken ct)
    {
        var f = Features.Export.TableExport.Format(format);
        if (f is null)
            return BadRequest();
        await OnGet(ct);
        if (Overview is null)
            return NotFound();
        var table = IndicatorTable("指标进展", Overview.Homes.SelectMany(h => h.Tasks.Select(t => (h, t))));
        var (content, type, name) = Features.Export.TableExport.Write(f, table);
        return File(content, type, name);
    }

    internal static Features.Export.ExportTable IndicatorTable(string name, IEnumerable<(HomeProgress Home, TaskProgress Task)> tasks) =>
        new(name, ["家园", "任务代码", "任务", "牵头单位", "指标代码", "指标", "单位", "目标值", "目标期限", "完成值", "完成度", "序时进度", "状态", "计算"],
            tasks.SelectMany(x => x.Task.Indicators.Select(i => (IReadOnlyList<object?>)[
                x.Home.Home.Name, x.Task.Task.Code, x.Task.Task.Name, x.Task.Task.LeadDepartment, i.Indicator.Code, i.Indicator.Name, i.Indicator.Unit,
                i.Target?.Value, i.Target?.PeriodLabel, i.Assessment?.Actual, i.Assessment?.ShareOfTarget is { } s ? Math.Round(s * 100, 1) : null,
                i.Assessment?.TimeElapsed is { } e ? Math.Round(e * 100, 1) : null, StatusText(i.Status), i.Assessment?.Formula])).ToList())
        { TextColumns = new HashSet<int> { 1, 4 } };

    internal static string StatusText(ProgressStatus s) => s switch
    {
        ProgressStatus.Met => "已完成",
        ProgressStatus.OnTrack => "按序时推进",
        ProgressStatus.AtRisk => "有风险",
        ProgressStatus.Lagging => "滞后",
        _ => "无法评估",
    };

    public async Task OnGet(CancellationToken ct)
    {
        Overview = await queries.Overview(AsOf, ct);
        if (Overview is not null)
            Lagging = Domain.Overview.Lagging(Overview.Homes).OrderByDescending(t => t.Status).ThenBy(t => t.Task.Code, StringComparer.Ordinal).ToList();
    }
}
