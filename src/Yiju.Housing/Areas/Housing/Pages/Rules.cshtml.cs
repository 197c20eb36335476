using Microsoft.AspNetCore.Mvc;
using Yiju.Housing.Domain;
using Yiju.Housing.Features.Applications;

namespace Yiju.Housing.Areas.Housing.Pages;

/// <summary>The bureau enters a new version of a scheme's eligibility rules (replacing the sample values).</summary>
public sealed class RulesModel(RuleSets ruleSets, ApplicationQueries queries) : HousingPageModel
{
    public IReadOnlyList<RuleSetView> InForce { get; private set; } = [];

    [BindProperty]
    public SchemeKind Scheme { get; set; } = SchemeKind.PublicRental;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? PolicyReference { get; set; }

    [BindProperty]
    public DateOnly EffectiveFrom { get; set; } = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    [BindProperty]
    public decimal? IncomePerHeadMaxYuan { get; set; }

    [BindProperty]
    public decimal? AssetsMaxYuan { get; set; }

    [BindProperty]
    public double? HousingAreaPerHeadMaxM2 { get; set; }

    [BindProperty]
    public int? MinSocialInsuranceMonths { get; set; }

    [BindProperty]
    public int? HouseholdSizeMin { get; set; }

    [BindProperty]
    public int? HouseholdSizeMax { get; set; }

    [BindProperty]
    public int? ApplicantAgeMin { get; set; }

    [BindProperty]
    public int? ApplicantAgeMax { get; set; }

    public async Task OnGet(CancellationToken ct) => InForce = await queries.RulesInForce(ct);

    public async Task<IActionResult> OnPost(CancellationToken ct)
    {
        var outcome = await ruleSets.AddVersion(new NewRuleSetCommand(Scheme, Name, PolicyReference, EffectiveFrom, IncomePerHeadMaxYuan, AssetsMaxYuan,
            HousingAreaPerHeadMaxM2, MinSocialInsuranceMonths, HouseholdSizeMin, HouseholdSizeMax, ApplicantAgeMin, ApplicantAgeMax), Caller, ct);
        if (!outcome.Succeeded)
        {
            InForce = await queries.RulesInForce(ct);
            return Fail(outcome.Failure!);
        }
        Message = $"{outcome.Value!.Name} v{outcome.Value.Version}";
        return RedirectToPage();
    }
}
