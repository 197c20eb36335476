namespace Yiju.Housing.Domain.Eligibility;

public enum EligibilityRuleKind
{
    /// <summary>Household monthly income per head ≤ <see cref="EligibilityRule.LimitFen"/>.</summary>
    IncomePerHeadMax = 1,

    /// <summary>Household assets ≤ <see cref="EligibilityRule.LimitFen"/>.</summary>
    AssetsMax = 2,

    /// <summary>Current housing area per head ≤ <see cref="EligibilityRule.LimitM2"/> (use 0 for "owns no housing").</summary>
    HousingAreaPerHeadMax = 3,

    /// <summary>The applicant holds local hukou, or has paid at least <see cref="EligibilityRule.Min"/> months of local social insurance.</summary>
    LocalHukouOrSocialInsurance = 4,

    /// <summary>Household size in [<see cref="EligibilityRule.Min"/>, <see cref="EligibilityRule.Max"/>] (either bound optional).</summary>
    HouseholdSizeRange = 5,

    /// <summary>Applicant age in full years in [<see cref="EligibilityRule.Min"/>, <see cref="EligibilityRule.Max"/>], e.g. for young-talent schemes.</summary>
    ApplicantAgeRange = 6,
}

/// <summary>
/// A versioned, data-only set of eligibility rules for one scheme. A new policy is a new version; old versions stay
/// so that every decision can be explained by the rules in force when it was made.
/// </summary>
public sealed class EligibilityRuleSet
{
    public Guid Id { get; set; }
    public SchemeKind Scheme { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Policy document the numbers come from (文号), shown next to the result.</summary>
    public string PolicyReference { get; set; } = "";

    public DateTime EffectiveFromUtc { get; set; }
    public DateTime? EffectiveToUtc { get; set; }
    public List<EligibilityRule> Rules { get; set; } = [];

    public bool IsInForce(DateTime utc) => utc >= EffectiveFromUtc && (EffectiveToUtc is null || utc < EffectiveToUtc);

    /// <summary>The version in force at <paramref name="utc"/> for <paramref name="scheme"/>, the highest version winning overlaps.</summary>
    public static EligibilityRuleSet? InForce(IEnumerable<EligibilityRuleSet> sets, SchemeKind scheme, DateTime utc) =>
        sets.Where(s => s.Scheme == scheme && s.IsInForce(utc)).MaxBy(s => s.Version);
}

/// <summary>One rule; which limit fields matter depends on <see cref="Kind"/>.</summary>
public sealed class EligibilityRule
{
    public Guid Id { get; set; }
    public Guid RuleSetId { get; set; }
    public EligibilityRuleKind Kind { get; set; }
    public long? LimitFen { get; set; }
    public double? LimitM2 { get; set; }
    public int? Min { get; set; }
    public int? Max { get; set; }

    public static EligibilityRule IncomePerHeadMax(long fen) => new() { Kind = EligibilityRuleKind.IncomePerHeadMax, LimitFen = fen };
    public static EligibilityRule AssetsMax(long fen) => new() { Kind = EligibilityRuleKind.AssetsMax, LimitFen = fen };
    public static EligibilityRule HousingAreaPerHeadMax(double m2) => new() { Kind = EligibilityRuleKind.HousingAreaPerHeadMax, LimitM2 = m2 };
    public static EligibilityRule LocalHukouOrSocialInsurance(int months) => new() { Kind = EligibilityRuleKind.LocalHukouOrSocialInsurance, Min = months };
    public static EligibilityRule HouseholdSize(int? min, int? max) => new() { Kind = EligibilityRuleKind.HouseholdSizeRange, Min = min, Max = max };
    public static EligibilityRule ApplicantAge(int? min, int? max) => new() { Kind = EligibilityRuleKind.ApplicantAgeRange, Min = min, Max = max };
}

/// <summary>
/// Example rule sets shaped like Harbin's published criteria. The numbers are placeholders for an administrator
/// to replace with the current 文件 values; they exist so a fresh install has something sensible to show.
/// </summary>
public static class SampleRuleSets
{
    public static EligibilityRuleSet PublicRental(DateTime effectiveFromUtc) => new()
    {
        Id = Guid.Parse("5e0f3a0c-4b1e-4d7a-9a51-0a1d2c3b4e01"),
        Scheme = SchemeKind.PublicRental,
        Version = 1,
        Name = "公租房准入条件（示例）",
        EffectiveFromUtc = effectiveFromUtc,
        Rules =
        [
            EligibilityRule.IncomePerHeadMax(2_500_00),
            EligibilityRule.AssetsMax(200_000_00),
            EligibilityRule.HousingAreaPerHeadMax(15),
            EligibilityRule.LocalHukouOrSocialInsurance(12),
            EligibilityRule.HouseholdSize(1, 8),
        ],
    };

    public static EligibilityRuleSet AffordableRental(DateTime effectiveFromUtc) => new()
    {
        Id = Guid.Parse("5e0f3a0c-4b1e-4d7a-9a51-0a1d2c3b4e02"),
        Scheme = SchemeKind.AffordableRental,
        Version = 1,
        Name = "保障性租赁住房准入条件（示例）",
        EffectiveFromUtc = effectiveFromUtc,
        Rules =
        [
            EligibilityRule.HousingAreaPerHeadMax(0),
            EligibilityRule.LocalHukouOrSocialInsurance(6),
            EligibilityRule.HouseholdSize(1, 6),
            EligibilityRule.ApplicantAge(18, 45),
        ],
    };

    public static EligibilityRuleSet RentalSubsidy(DateTime effectiveFromUtc) => new()
    {
        Id = Guid.Parse("5e0f3a0c-4b1e-4d7a-9a51-0a1d2c3b4e03"),
        Scheme = SchemeKind.RentalSubsidy,
        Version = 1,
        Name = "租赁补贴准入条件（示例）",
        EffectiveFromUtc = effectiveFromUtc,
        Rules =
        [
            EligibilityRule.IncomePerHeadMax(2_000_00),
            EligibilityRule.AssetsMax(150_000_00),
            EligibilityRule.HousingAreaPerHeadMax(13),
            EligibilityRule.LocalHukouOrSocialInsurance(12),
            EligibilityRule.HouseholdSize(1, 8),
        ],
    };
}
