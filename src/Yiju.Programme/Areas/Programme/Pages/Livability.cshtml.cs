using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Livability;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>
/// The 宜居指数 over time and by district, with its definition (indicators, weights, normalisation) and the method.
/// Public; coordinators publish new definitions here as new versions.
/// </summary>
public sealed class LivabilityModel(LivabilityIndexService index) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "version")]
    public int? DefinitionVersion { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public LivabilityView? View { get; private set; }

    public IReadOnlyList<LivabilityIndexDefinition> Definitions { get; private set; } = [];

    public bool CanPublish => ReportingRules.CanReview(User.Grants());

    public List<string> Errors { get; } = [];

    /// <summary>The form's text, kept when a publish is refused so nothing typed is lost.</summary>
    public string? ComponentsText { get; private set; }

    public string ChartData { get; private set; } = "{}";

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPublish(string? name, string? components, int? basedOnVersion, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
            return Challenge();
        var outcome = await index.Publish(new PublishIndexCommand(name, components, basedOnVersion), Caller.From(User), ct);
        if (outcome.Succeeded)
            return RedirectToPage(new { done = "published", version = outcome.Value!.VersionNumber });
        if (outcome.Failure!.Kind == FailureKind.Forbidden)
            return Forbid();
        Errors.Add(outcome.Failure.Message);
        if (outcome.Failure.Errors is { } errors)
            Errors.AddRange(errors.SelectMany(e => e.Value).Where(m => !string.Equals(m, outcome.Failure.Message, StringComparison.Ordinal)));
        Response.StatusCode = outcome.Failure.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        Done = null;
        ComponentsText = components;
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        Definitions = await index.Definitions(ct);
        var outcome = await index.Compute(DefinitionVersion, AsOf, ct);
        if (!outcome.Succeeded)
        {
            Errors.Add(outcome.Failure!.Message);
            return;
        }

        var view = outcome.Value!;
        View = view;
        ComponentsText ??= LivabilityIndexService.Describe(view.Definition);
        PeriodKey? latestYear = view.Districts.Count == 0 ? null : view.Districts.Max(d => d.Period);
        var names = view.DistrictNames.ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        ChartData = JsonSerializer.Serialize(new
        {
            years = view.City.Select(c => c.Period.ToString()).ToList(),
            city = view.City.Select(c => c.Index).ToList(),
            coverage = view.City.Select(c => c.Coverage).ToList(),
            districtYear = latestYear?.ToString(),
            districts = view.Districts.Where(d => d.Period == latestYear)
                .Select(d => new { name = names.TryGetValue(d.DistrictCode!, out var n) ? n : d.DistrictCode, value = d.Index }).ToList(),
        });
    }
}
