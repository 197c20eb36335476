using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Data;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Eligibility;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Housing.Features.Applications;

/// <summary>A new version of a scheme's eligibility rules as the bureau types it: money in 元, blank fields are rules not applied.</summary>
public sealed record NewRuleSetCommand(SchemeKind Scheme, string? Name, string? PolicyReference, DateOnly EffectiveFrom,
    decimal? IncomePerHeadMaxYuan, decimal? AssetsMaxYuan, double? HousingAreaPerHeadMaxM2, int? MinSocialInsuranceMonths,
    int? HouseholdSizeMin, int? HouseholdSizeMax, int? ApplicantAgeMin, int? ApplicantAgeMax);

/// <summary>
/// The housing bureau enters Harbin's current thresholds as a new rule-set version; earlier versions stay, so
/// applications keep the rules they were judged by. The highest version in force applies from its start date.
/// </summary>
public sealed class RuleSets(IHousingDb db, HousingAccess access)
{
    public async Task<Outcome<RuleSetView>> AddVersion(NewRuleSetCommand command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await access.Bureau(caller, ct) is null)
            return Failure.Forbidden("只有市住建局可以修改准入条件 (housing bureau only)");
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(command.Scheme))
            errors["scheme"] = ["未知的保障方式 (unknown scheme)"];
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 200)
            errors["name"] = ["请填写名称 (name required)"];
        if (string.IsNullOrWhiteSpace(command.PolicyReference) || command.PolicyReference.Length > 500)
            errors["policyReference"] = ["请填写政策文件依据，如文号 (cite the policy document)"];
        if (command.IncomePerHeadMaxYuan < 0 || command.AssetsMaxYuan < 0 || command.HousingAreaPerHeadMaxM2 < 0 || command.MinSocialInsuranceMonths < 0
            || command.HouseholdSizeMin < 1 || command.ApplicantAgeMin < 0 || (command.HousingAreaPerHeadMaxM2 is { } a && !double.IsFinite(a)))
            errors["limits"] = ["限额不能为负数 (limits cannot be negative)"];
        if (command.HouseholdSizeMin > command.HouseholdSizeMax || command.ApplicantAgeMin > command.ApplicantAgeMax)
            errors["range"] = ["下限不能大于上限 (minimum above maximum)"];
        if (errors.Count > 0)
            return Failure.Invalid("准入条件有误 (invalid rules)", errors);

        var version = (await db.EligibilityRuleSets.Where(s => s.Scheme == command.Scheme).MaxAsync(s => (int?)s.Version, ct) ?? 0) + 1;
        var set = new EligibilityRuleSet
        {
            Id = Guid.NewGuid(),
            Scheme = command.Scheme,
            Version = version,
            Name = command.Name!.Trim(),
            PolicyReference = command.PolicyReference!.Trim(),
            // Rules take effect at midnight in China (UTC+8).
            EffectiveFromUtc = command.EffectiveFrom.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8),
        };
        void Add(EligibilityRule rule)
        {
            rule.Id = Guid.NewGuid();
            rule.RuleSetId = set.Id;
            set.Rules.Add(rule);
        }
        if (command.IncomePerHeadMaxYuan is { } income)
            Add(EligibilityRule.IncomePerHeadMax((long)Math.Round(income * 100m, MidpointRounding.AwayFromZero)));
        if (command.AssetsMaxYuan is { } assets)
            Add(EligibilityRule.AssetsMax((long)Math.Round(assets * 100m, MidpointRounding.AwayFromZero)));
        if (command.HousingAreaPerHeadMaxM2 is { } area)
            Add(EligibilityRule.HousingAreaPerHeadMax(area));
        if (command.MinSocialInsuranceMonths is { } months)
            Add(EligibilityRule.LocalHukouOrSocialInsurance(months));
        if (command.HouseholdSizeMin is not null || command.HouseholdSizeMax is not null)
            Add(EligibilityRule.HouseholdSize(command.HouseholdSizeMin, command.HouseholdSizeMax));
        if (command.ApplicantAgeMin is not null || command.ApplicantAgeMax is not null)
            Add(EligibilityRule.ApplicantAge(command.ApplicantAgeMin, command.ApplicantAgeMax));
        db.EligibilityRuleSets.Add(set);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Failure.Conflict("同时有人保存了新版本，请刷新后重试 (someone saved a version at the same time)");
        }
        return new RuleSetView(set.Scheme, set.Name, set.Version, set.PolicyReference, false, set.Rules.OrderBy(r => r.Kind).Select(ApplicationQueries.Describe).ToList());
    }
}
