using System.Globalization;

namespace Yiju.Housing.Domain.Subsidies;

/// <summary>Market rent the subsidy is based on, per district, in fen per m² per month.</summary>
public sealed class DistrictRentStandard
{
    public Guid Id { get; set; }
    public Guid RulesId { get; set; }
    public string DistrictCode { get; set; } = "";
    public long MonthlyRentPerM2Fen { get; set; }
}

/// <summary>Households whose monthly income per head is at most <see cref="MaxIncomePerHeadFen"/> get <see cref="SubsidyPermille"/>‰ of the base.</summary>
public sealed class SubsidyIncomeBand
{
    public Guid Id { get; set; }
    public Guid RulesId { get; set; }
    public long MaxIncomePerHeadFen { get; set; }
    public int SubsidyPermille { get; set; }
}

public sealed record SubsidyQuote(long MonthlyFen, string Explanation, Reason? Refusal)
{
    public bool Granted => Refusal is null;
}

/// <summary>
/// Versioned subsidy rules. Monthly amount =
/// district rent per m² × max(0, area standard per head × min(household size, counted persons cap) − current housing area)
/// × the income band's ‰ / 1000, rounded half away from zero to the fen, then clamped to [minimum, maximum].
/// </summary>
public sealed class SubsidyRules
{
    public const string IncomeTooHighCode = "subsidy_income_above_bands";
    public const string DistrictMissingCode = "subsidy_district_not_configured";
    public const string NoShortfallCode = "subsidy_no_area_shortfall";
    public const string InvalidInputCode = "subsidy_invalid_input";

    public Guid Id { get; set; }
    public int Version { get; set; }
    public DateTime EffectiveFromUtc { get; set; }
    public double AreaStandardPerHeadM2 { get; set; } = 15;
    public int MaxCountedPersons { get; set; } = 4;
    public long MinimumMonthlyFen { get; set; }
    public long MaximumMonthlyFen { get; set; } = long.MaxValue;
    public List<DistrictRentStandard> RentStandards { get; set; } = [];
    public List<SubsidyIncomeBand> IncomeBands { get; set; } = [];

    public SubsidyQuote Quote(string districtCode, int householdSize, long incomePerHeadFen, double currentHousingAreaM2)
    {
        var ci = CultureInfo.InvariantCulture;
        if (householdSize < 1 || incomePerHeadFen < 0 || currentHousingAreaM2 < 0 || !double.IsFinite(currentHousingAreaM2))
        {
            return new(0, "", new Reason(InvalidInputCode, "家庭人口、收入或住房面积无效"));
        }
        var rent = RentStandards.FirstOrDefault(r => string.Equals(r.DistrictCode, districtCode, StringComparison.Ordinal));
        if (rent is null)
        {
            return new(0, "", new Reason(DistrictMissingCode, $"区县{districtCode}未设定租赁补贴租金标准"));
        }
        var band = IncomeBands.Where(b => incomePerHeadFen <= b.MaxIncomePerHeadFen).MinBy(b => b.MaxIncomePerHeadFen);
        if (band is null)
        {
            return new(0, "", new Reason(IncomeTooHighCode, $"家庭人均月收入{Fen.ToYuan(incomePerHeadFen)}元，高于租赁补贴的最高收入档"));
        }
        var counted = Math.Min(householdSize, MaxCountedPersons);
        var shortfall = (AreaStandardPerHeadM2 * counted) - currentHousingAreaM2;
        if (shortfall <= 0)
        {
            return new(0, "", new Reason(NoShortfallCode, string.Create(ci, $"现有住房{currentHousingAreaM2:0.00}平方米已达到保障面积标准{AreaStandardPerHeadM2 * counted:0.00}平方米")));
        }
        var raw = (long)Math.Round(rent.MonthlyRentPerM2Fen * shortfall * band.SubsidyPermille / 1000.0, MidpointRounding.AwayFromZero);
        var amount = Math.Clamp(raw, MinimumMonthlyFen, MaximumMonthlyFen);
        var explanation = string.Create(ci,
            $"{Fen.ToYuan(rent.MonthlyRentPerM2Fen)}元/平方米·月 × (人均{AreaStandardPerHeadM2:0.##}平方米 × {counted}人 − 现住{currentHousingAreaM2:0.##}平方米) × {band.SubsidyPermille / 10.0:0.#}% = {Fen.ToYuan(raw)}元")
            + (amount != raw ? $"，按上下限调整为{Fen.ToYuan(amount)}元" : "");
        return new(amount, explanation, null);
    }
}
