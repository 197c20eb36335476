namespace Yiju.Housing.Domain.Applications;

[Flags]
public enum PriorityFactors
{
    None = 0,

    /// <summary>Two or more children, at least one of them a minor (多子女家庭).</summary>
    MinorChildrenTwoOrMore = 1,

    /// <summary>A member at or above the policy's elderly age.</summary>
    Elderly = 2,

    Disabled = 4,
    Veteran = 8,
    SpecialHardship = 16,
}

/// <summary>Which factor puts a household in which tier. Tier 1 is drawn first.</summary>
public sealed record PriorityRule(PriorityFactors Factor, int Tier);

/// <summary>
/// Data describing 优先保障: a household's tier is the best (lowest) tier of any factor it has, else <see cref="GeneralTier"/>.
/// </summary>
public sealed class PriorityPolicy
{
    public int ElderlyAge { get; init; } = 60;
    public int AdultAge { get; init; } = 18;
    public int GeneralTier { get; init; } = 3;
    public IReadOnlyList<PriorityRule> Rules { get; init; } = [];

    /// <summary>Tier 1: special hardship, disabled, veterans; tier 2: multi-child families with minors and the elderly; tier 3: everyone else.</summary>
    public static PriorityPolicy Default { get; } = new()
    {
        Rules =
        [
            new(PriorityFactors.SpecialHardship, 1),
            new(PriorityFactors.Disabled, 1),
            new(PriorityFactors.Veteran, 1),
            new(PriorityFactors.MinorChildrenTwoOrMore, 2),
            new(PriorityFactors.Elderly, 2),
        ],
    };

    public PriorityFactors FactorsOf(HouseholdApplication application, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(application);
        var f = PriorityFactors.None;
        if (application.SpecialHardship)
        {
            f |= PriorityFactors.SpecialHardship;
        }
        int children = 0, minors = 0;
        foreach (var m in application.Members)
        {
            if (m.Disabled)
            {
                f |= PriorityFactors.Disabled;
            }
            if (m.Veteran)
            {
                f |= PriorityFactors.Veteran;
            }
            if (!ChineseIdNumber.TryParse(m.IdNumber, today, out var id, out _))
            {
                continue;
            }
            var age = id.AgeOn(today);
            if (age >= ElderlyAge)
            {
                f |= PriorityFactors.Elderly;
            }
            if (m.Relationship == Relationship.Child)
            {
                children++;
                if (age < AdultAge)
                {
                    minors++;
                }
            }
        }
        if (children >= 2 && minors >= 1)
        {
            f |= PriorityFactors.MinorChildrenTwoOrMore;
        }
        return f;
    }

    public int TierOf(PriorityFactors factors)
    {
        var tier = GeneralTier;
        foreach (var rule in Rules)
        {
            if ((factors & rule.Factor) != 0 && rule.Tier < tier)
            {
                tier = rule.Tier;
            }
        }
        return tier;
    }

    public int TierOf(HouseholdApplication application, DateOnly today) => TierOf(FactorsOf(application, today));

    public static string ChineseText(PriorityFactors factors)
    {
        var parts = new List<string>();
        if (factors.HasFlag(PriorityFactors.SpecialHardship)) { parts.Add("特殊困难"); }
        if (factors.HasFlag(PriorityFactors.Disabled)) { parts.Add("残疾"); }
        if (factors.HasFlag(PriorityFactors.Veteran)) { parts.Add("退役军人"); }
        if (factors.HasFlag(PriorityFactors.MinorChildrenTwoOrMore)) { parts.Add("多子女（有未成年子女）家庭"); }
        if (factors.HasFlag(PriorityFactors.Elderly)) { parts.Add("老年人"); }
        return parts.Count == 0 ? "一般" : string.Join('、', parts);
    }
}
