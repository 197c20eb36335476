using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;
using Yiju.Programme.Features;
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
public sealed class IndicatorsModel(ProgrammeQueries queries, ReportValue report, ReviewValue review, IProgrammeDirectory directory) : PageModel
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

    public IReadOnlyList<DistrictRef> Districts { get; private set; } = [];

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
        CanReport = ReportingRules.CanReport(view.Task, caller.Grants, await directory.DepartmentNames(caller, ct));
        CanReview = ReportingRules.CanReview(caller.Grants);
        Pending = CanReport || CanReview ? view.Pending : [];
        if (CanReport && view.Indicator.HasDistrictBreakdown)
            Districts = await directory.Districts(ct);
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
