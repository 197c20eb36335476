using System.Globalization;
using Yiju.Housing.Domain.Applications;

namespace Yiju.Housing.Domain.Eligibility;

/// <summary>The figures eligibility is judged on, computed once from an application.</summary>
public readonly record struct EligibilityFacts(
    int HouseholdSize,
    long IncomePerHeadFen,
    long AssetsFen,
    double HousingAreaPerHeadM2,
    bool ApplicantLocalHukou,
    int ApplicantSocialInsuranceMonths,
    int? ApplicantAge)
{
    /// <param name="today">Civil date for ages; ID numbers that do not parse give an unknown age.</param>
    public static EligibilityFacts From(HouseholdApplication application, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(application);
        var size = application.Members.Count;
        long income = 0;
        foreach (var m in application.Members)
        {
            income += m.MonthlyIncomeFen;
        }
        var applicant = application.Applicant;
        int? age = null;
        if (applicant is not null && ChineseIdNumber.TryParse(applicant.IdNumber, today, out var id, out _))
        {
            age = id.AgeOn(today);
        }
        return new EligibilityFacts(
            size,
            size == 0 ? 0 : income / size,
            application.AssetsFen,
            size == 0 ? application.CurrentHousingAreaM2 : application.CurrentHousingAreaM2 / size,
            applicant?.LocalHukou ?? false,
            applicant?.SocialInsuranceMonths ?? 0,
            age);
    }
}

public sealed record EligibilityResult(Guid RuleSetId, int RuleSetVersion, IReadOnlyList<Reason> Failures)
{
    public bool Eligible => Failures.Count == 0;
}

/// <summary>Evaluates every rule, never stopping at the first failure, so the applicant sees all reasons at once.</summary>
public static class EligibilityEvaluator
{
    public const string IncomeCode = "income_per_head_over_limit";
    public const string AssetsCode = "assets_over_limit";
    public const string AreaCode = "housing_area_per_head_over_limit";
    public const string ResidenceCode = "no_local_hukou_or_social_insurance";
    public const string SizeCode = "household_size_out_of_range";
    public const string AgeCode = "applicant_age_out_of_range";
    public const string AgeUnknownCode = "applicant_age_unknown";

    private static readonly Reason[] NoFailures = [];

    public static EligibilityResult Evaluate(EligibilityRuleSet ruleSet, HouseholdApplication application, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(application);
        if (ruleSet.Scheme != application.Scheme)
        {
            throw new ArgumentException($"Rule set {ruleSet.Id} is for {ruleSet.Scheme}, the application is for {application.Scheme}.", nameof(ruleSet));
        }
        return Evaluate(ruleSet, EligibilityFacts.From(application, today));
    }

    public static EligibilityResult Evaluate(EligibilityRuleSet ruleSet, in EligibilityFacts facts)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        List<Reason>? failures = null;
        foreach (var rule in ruleSet.Rules)
        {
            var failure = Check(rule, facts);
            if (failure is not null)
            {
                (failures ??= []).Add(failure);
            }
        }
        return new EligibilityResult(ruleSet.Id, ruleSet.Version, failures is null ? NoFailures : failures);
    }

    private static Reason? Check(EligibilityRule rule, in EligibilityFacts f)
    {
        var ci = CultureInfo.InvariantCulture;
        switch (rule.Kind)
        {
            case EligibilityRuleKind.IncomePerHeadMax:
                var incomeLimit = Required(rule.LimitFen, rule);
                return f.IncomePerHeadFen <= incomeLimit ? null
                    : new Reason(IncomeCode, $"家庭人均月收入{Fen.ToYuan(f.IncomePerHeadFen)}元，超过上限{Fen.ToYuan(incomeLimit)}元");
            case EligibilityRuleKind.AssetsMax:
                var assetLimit = Required(rule.LimitFen, rule);
                return f.AssetsFen <= assetLimit ? null
                    : new Reason(AssetsCode, $"家庭资产{Fen.ToYuan(f.AssetsFen)}元，超过上限{Fen.ToYuan(assetLimit)}元");
            case EligibilityRuleKind.HousingAreaPerHeadMax:
                var areaLimit = Required(rule.LimitM2, rule);
                // Areas come from certificates with two decimals; a tolerance keeps 15.00 ≤ 15 true after division.
                return f.HousingAreaPerHeadM2 <= areaLimit + 1e-9 ? null
                    : new Reason(AreaCode, areaLimit == 0
                        ? string.Create(ci, $"家庭现有住房人均{f.HousingAreaPerHeadM2:0.00}平方米，本类保障要求无自有住房")
                        : string.Create(ci, $"家庭现有住房人均{f.HousingAreaPerHeadM2:0.00}平方米，超过上限{areaLimit:0.00}平方米"));
            case EligibilityRuleKind.LocalHukouOrSocialInsurance:
                var months = Required(rule.Min, rule);
                return f.ApplicantLocalHukou || f.ApplicantSocialInsuranceMonths >= months ? null
                    : new Reason(ResidenceCode, string.Create(ci, $"申请人无本市户籍，且本市社会保险缴纳{f.ApplicantSocialInsuranceMonths}个月，不足{months}个月"));
            case EligibilityRuleKind.HouseholdSizeRange:
                return InRange(f.HouseholdSize, rule.Min, rule.Max) ? null
                    : new Reason(SizeCode, string.Create(ci, $"家庭人口{f.HouseholdSize}人，不在{RangeText(rule.Min, rule.Max, "人")}范围内"));
            case EligibilityRuleKind.ApplicantAgeRange:
                if (f.ApplicantAge is not int age)
                {
                    return new Reason(AgeUnknownCode, "无法确定申请人年龄（申请人身份证号码无效或缺少申请人）");
                }
                return InRange(age, rule.Min, rule.Max) ? null
                    : new Reason(AgeCode, string.Create(ci, $"申请人年龄{age}周岁，不在{RangeText(rule.Min, rule.Max, "周岁")}范围内"));
            default:
                throw new InvalidOperationException(string.Create(ci, $"Unknown eligibility rule kind {(int)rule.Kind}."));
        }
    }

    private static T Required<T>(T? value, EligibilityRule rule) where T : struct =>
        value ?? throw new InvalidOperationException($"Eligibility rule {rule.Id} ({rule.Kind}) has no limit configured.");

    private static bool InRange(int value, int? min, int? max) => (min is null || value >= min) && (max is null || value <= max);

    private static string RangeText(int? min, int? max, string unit) => (min, max) switch
    {
        (int a, int b) => string.Create(CultureInfo.InvariantCulture, $"{a}至{b}{unit}"),
        (int a, null) => string.Create(CultureInfo.InvariantCulture, $"{a}{unit}及以上"),
        (null, int b) => string.Create(CultureInfo.InvariantCulture, $"{b}{unit}及以下"),
        (null, null) => "不限",
    };
}
