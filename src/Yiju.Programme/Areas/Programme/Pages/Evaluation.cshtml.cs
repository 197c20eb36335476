using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Evaluation;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>
/// Department and district scores for a quarter, with the weights' version, the formula and every row's inputs, and the
/// quarters of the year. Public: the ranking is meant to be checked by anyone. Coordinators publish new weights here.
/// </summary>
public sealed class EvaluationModel(ProgrammeEvaluation evaluation) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    [BindProperty(SupportsGet = true, Name = "version")]
    public int? SchemeVersion { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public EvaluationRanking? Ranking { get; private set; }

    public IReadOnlyList<EvaluationScheme> Schemes { get; private set; } = [];

    public IReadOnlyList<PeriodKey> Quarters { get; private set; } = [];

    public IReadOnlyList<EvaluationHistory> DepartmentHistory { get; private set; } = [];

    public IReadOnlyList<EvaluationHistory> DistrictHistory { get; private set; } = [];

    public bool CanPublish => ReportingRules.CanReview(User.Grants());

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPublish(
        string? name, double? targetCompletionWeight, double? onTimeReportingWeight, double? dataQualityWeight, DateOnly? reportingFrom,
        int? graceWorkingDays, int? basedOnVersion, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
            return Challenge();
        var outcome = await evaluation.Publish(new PublishSchemeCommand(name, targetCompletionWeight, onTimeReportingWeight, dataQualityWeight,
            reportingFrom, graceWorkingDays, basedOnVersion), Caller.From(User), ct);
        if (outcome.Succeeded)
            return RedirectToPage(new { done = "published", version = outcome.Value!.VersionNumber });
        if (outcome.Failure!.Kind == FailureKind.Forbidden)
            return Forbid();
        Errors.Add(outcome.Failure.Message);
        if (outcome.Failure.Errors is { } errors)
            Errors.AddRange(errors.SelectMany(e => e.Value).Where(m => !string.Equals(m, outcome.Failure.Message, StringComparison.Ordinal)));
        Response.StatusCode = outcome.Failure.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        Done = null;
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        Schemes = await evaluation.Schemes(ct);
        var quarter = ProgrammeEvaluation.ParseQuarter(Quarter, evaluation.Today);
        if (quarter is null)
        {
            Errors.Add("季度格式应为 2026Q3 (quarter must look like 2026Q3)");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            quarter = ProgrammeEvaluation.ParseQuarter(null, evaluation.Today);
        }

        var ranking = await evaluation.Rank(quarter!.Value, SchemeVersion, ct);
        if (!ranking.Succeeded)
        {
            Errors.Add(ranking.Failure!.Message);
            return;
        }

        Ranking = ranking.Value;
        var history = await evaluation.History(quarter.Value.Year, Ranking!.Scheme.VersionNumber, ct);
        if (history.Succeeded)
            (Quarters, DepartmentHistory, DistrictHistory) = history.Value;
    }
}
