using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;
using Yiju.Programme.Features;
using Yiju.Programme.Features.Feeds;
using Yiju.Programme.Features.Queries;
using Yiju.Programme.Features.Reporting;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>What the reporting form posts. Numbers arrive as text and are read in the invariant format.</summary>
public sealed class ReportForm
{
    public string? Period { get; set; }
    public string? DistrictCode { get; set; }
    public string? Value { get; set; }
    public string? Numerator { get; set; }
    public string? Denominator { get; set; }
    public string? Explanation { get; set; }
    public string? Source { get; set; }
    public long? Version { get; set; }
    public bool Submit { get; set; }
}

/// <summary>
/// An indicator: definition, targets with their sources and assessment, approved values with their source quotes and
/// comparability notes, trend chart and projection (public). The lead department's staff enter and submit values here;
/// coordinators approve or return them.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = ValueEvidence.MaxSizeBytes + (1024 * 1024))]
public sealed class IndicatorsModel(ProgrammeQueries queries, ReportValue report, ReviewValue review, IProgrammeDirectory directory, Evidence evidence, OverdueReports overdue,
    FeedFigures feeds, TakeFedFigure takeFed) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public IndicatorView View { get; private set; } = null!;

    public IReadOnlyList<ReportedValue> Pending { get; private set; } = [];

    public bool CanReport { get; private set; }

    public bool CanReview { get; private set; }

    /// <summary>The caller reports only their district's lines (district staff, not the lead department).</summary>
    public bool DistrictOnly { get; private set; }

    /// <summary>Evidence of the values the caller may see in progress, by value id.</summary>
    public ILookup<Guid, EvidenceView> EvidenceByValue { get; private set; } = Array.Empty<EvidenceView>().ToLookup(e => e.ValueId);

    /// <summary>Values the caller may attach evidence to (drafts and returns of the lines they report).</summary>
    public HashSet<Guid> CanAttach { get; } = [];

    public IReadOnlyList<OverdueFlag> Overdue { get; private set; } = [];

    /// <summary>Working days after a period's end by which its report is due (the evaluation scheme's).</summary>
    public int GraceWorkingDays { get; private set; }

    public IReadOnlyList<DistrictRef> Districts { get; private set; } = [];

    /// <summary>Figures other modules feed for this indicator, for the reading date's period and the one before.</summary>
    public IReadOnlyList<FedFigure> Fed { get; private set; } = [];

    /// <summary>Fed figures the caller may take in as a draft: lines they report that have no value yet.</summary>
    public HashSet<(string Period, string? DistrictCode)> CanTake { get; } = [];

    /// <summary>The status of the value already entered for a fed figure's line, if any.</summary>
    public Dictionary<(string Period, string? DistrictCode), ValueStatus> Existing { get; } = [];

    public string ChartJson { get; private set; } = "{}";

    public List<string> Errors { get; } = [];

    public ReportForm Form { get; private set; } = new();

    public async Task<IActionResult> OnGet(string code, CancellationToken ct) =>
        await Load(code, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReport(string code, ReportForm form, CancellationToken ct)
    {
        Form = form;
        if (!TryNumber(form.Value, out var value) || value is null)
            return await Refuse(code, Failure.Invalid("Value", "请填写有效的数值 (enter a valid number)"), ct);
        if (!TryNumber(form.Numerator, out var numerator) || !TryNumber(form.Denominator, out var denominator))
            return await Refuse(code, Failure.Invalid("Numerator", "分子、分母须为数字 (numerator and denominator must be numbers)"), ct);
        var outcome = await report.Handle(new ReportValueCommand(code, form.Period ?? "", form.DistrictCode, value.Value, numerator, denominator,
            form.Explanation, form.Source, form.Version, form.Submit), Caller.From(User), ct);
        return outcome.Succeeded
            ? Back(code, form.Submit ? "submitted" : "saved")
            : await Refuse(code, outcome.Failure!, ct);
    }

    /// <summary>Takes a fed figure in as a draft (<see cref="TakeFedFigure"/>); the figure is read again from the feed.</summary>
    public async Task<IActionResult> OnPostTakeFeed(string code, string? feed, string? period, string? districtCode, string? explanation, CancellationToken ct)
    {
        var outcome = await takeFed.Handle(new TakeFedFigureCommand(code, feed, period, districtCode, explanation), Caller.From(User), ct);
        return outcome.Succeeded ? Back(code, "taken") : await Refuse(code, outcome.Failure!, ct);
    }

    public async Task<IActionResult> OnPostEvidence(string code, Guid valueId, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return await Refuse(code, Failure.Invalid("file", "请选择佐证材料文件 (choose a file)"), ct);
        if (file.Length > ValueEvidence.MaxSizeBytes)
            return await Refuse(code, Failure.Invalid("file", $"{EvidenceFiles.CleanFileName(file.FileName)}：佐证材料不能超过10MB (larger than 10 MB)"), ct);
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var outcome = await evidence.Upload(valueId, file.FileName, buffer.ToArray(), Caller.From(User), ct);
        return outcome.Succeeded ? Back(code, "evidence") : await Refuse(code, outcome.Failure!, ct);
    }

    /// <summary>An evidence file, authorised like the value in progress (403 otherwise); always an attachment.</summary>
    public async Task<IActionResult> OnGetEvidence(string code, Guid valueId, Guid evidenceId, CancellationToken ct)
    {
        var outcome = await evidence.Download(valueId, evidenceId, Caller.From(User), ct);
        return outcome.Succeeded
            ? File(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName)
            : await Refuse(code, outcome.Failure!, ct);
    }

    /// <summary>The values table as the page shows it to this person: approved values for everyone, values in progress for those who see them.</summary>
    public async Task<IActionResult> OnGetExport(string code, string? format, CancellationToken ct)
    {
        var f = Features.Export.TableExport.Format(format);
        if (f is null)
            return BadRequest();
        if (!await Load(code, ct))
            return NotFound();
        var i = View.Indicator;
        var rows = View.Approved.Concat(Pending).Select(x => (IReadOnlyList<object?>)[
            i.Code, i.Name, i.Unit, x.Period.ToString(), x.PeriodLabel, x.DistrictCode ?? "全市", x.Value, x.Numerator, x.Denominator, x.Status.ToString(),
            x.Revision, x.IsCurrent ? "是" : "否", x.Source.Document, x.Source.Quote, x.ComparabilityNote, x.Explanation, x.ReviewedBy]).ToList();
        var table = new Features.Export.ExportTable(i.Code, ["指标代码", "指标", "单位", "期间", "期间原文", "区县", "数值", "分子", "分母", "状态", "修订", "当前有效", "来源", "来源原文", "可比性说明", "说明", "审核人"], rows)
        { TextColumns = new HashSet<int> { 0, 3, 5 } };
        var (content, type, name) = Features.Export.TableExport.Write(f, table);
        return File(content, type, name);
    }

    public async Task<IActionResult> OnPostReview(string code, Guid id, bool approve, string? reason, long version, CancellationToken ct)
    {
        var outcome = await review.Handle(new ReviewValueCommand(id, approve, reason, version), Caller.From(User), ct);
        return outcome.Succeeded
            ? Back(code, approve ? "approved" : "returned")
            : await Refuse(code, outcome.Failure!, ct);
    }

    // Not RedirectToPage: the host lower-cases generated URLs, and indicator codes (H4.G1.T1.I2) are case-sensitive.
    private LocalRedirectResult Back(string code, string done) =>
        LocalRedirect($"/programme/indicators/{Uri.EscapeDataString(ProgrammeCodes.Normalise(code))}?done={done}");

    private async Task<IActionResult> Refuse(string code, Failure failure, CancellationToken ct)
    {
        if (failure.Kind == FailureKind.Forbidden && User.Identity?.IsAuthenticated != true)
            return Challenge();
        if (failure.Kind == FailureKind.NotFound || !await Load(code, ct))
            return NotFound();
        Errors.Add(failure.Message);
        if (failure.Errors is { } errors)
            Errors.AddRange(errors.SelectMany(e => e.Value).Where(m => !string.Equals(m, failure.Message, StringComparison.Ordinal)));
        Response.StatusCode = failure.Kind switch
        {
            FailureKind.Conflict => StatusCodes.Status409Conflict,
            FailureKind.Forbidden => StatusCodes.Status403Forbidden,
            FailureKind.NotFound => StatusCodes.Status404NotFound,
            FailureKind.Invalid => StatusCodes.Status400BadRequest,
        };
        Done = null;
        return Page();
    }

    private async Task<bool> Load(string code, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var view = await queries.Indicator(code, AsOf, includePending: caller.Grants.Count > 0, ct);
        if (view is null)
            return false;
        View = view;
        var departments = await directory.DepartmentNames(caller, ct);
        var districts = caller.Has(Role.DistrictStaff) ? await directory.DistrictCodes(caller, ct) : [];
        var lead = ReportingRules.CanReport(view.Task, caller.Grants, departments);
        CanReport = ReportingRules.ReportsSomeOf(view.Task, view.Indicator, caller.Grants, departments, districts);
        DistrictOnly = CanReport && !lead;
        CanReview = ReportingRules.CanReview(caller.Grants);
        // District staff see work in progress of their own district's lines only.
        Pending = lead || CanReview ? view.Pending
            : DistrictOnly ? view.Pending.Where(v => v.DistrictCode is not null && districts.Contains(v.DistrictCode)).ToList()
            : [];
        if (CanReport && view.Indicator.HasDistrictBreakdown)
            Districts = DistrictOnly ? (await directory.Districts(ct)).Where(d => districts.Contains(d.Code)).ToList() : await directory.Districts(ct);
        var visible = lead || CanReview ? Pending.Concat(view.Approved).Select(v => v.Id).ToList()
            : DistrictOnly ? Pending.Concat(view.Approved.Where(v => v.DistrictCode is not null && districts.Contains(v.DistrictCode))).Select(v => v.Id).ToList()
            : [];
        EvidenceByValue = visible.Count == 0 ? EvidenceByValue : await evidence.ForValues(visible, ct);
        foreach (var v in Pending.Where(v => v.Status is ValueStatus.Draft or ValueStatus.Returned))
        {
            if (ReportingRules.CanReport(view.Task, view.Indicator, v.DistrictCode, caller.Grants, departments, districts))
                CanAttach.Add(v.Id);
        }

        var current = Kernel.Indicators.PeriodKey.Containing(view.AsOf, view.Indicator.Frequency);
        Fed = await feeds.ForIndicator(view.Indicator.Code, [current, current.Previous()], ct);
        foreach (var f in Fed)
        {
            var line = (f.Figure.Period.ToString(), f.Figure.DistrictCode);
            // The latest revision's status; approved values are public, values in progress only for those who see them.
            if (view.Approved.Concat(Pending).Where(v => v.Period == f.Figure.Period && v.DistrictCode == f.Figure.DistrictCode)
                    .OrderByDescending(v => v.Revision).FirstOrDefault() is { } existing)
            {
                Existing[line] = existing.Status;
            }
            else if (ReportingRules.CanReport(view.Task, view.Indicator, f.Figure.DistrictCode, caller.Grants, departments, districts))
            {
                CanTake.Add(line);
            }
        }

        Overdue = await overdue.For([view.Indicator.Id], ct);
        GraceWorkingDays = await overdue.GraceWorkingDays(ct);
        ChartJson = JsonSerializer.Serialize(view.Chart, Json);
        return true;
    }

    private static bool TryNumber(string? text, out double? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            return false;
        value = v;
        return true;
    }
}
