using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Domain.Stock;
using Yiju.Housing.Domain.Subsidies;
using Yiju.Kernel.Indicators;

namespace Yiju.Housing.Domain;

/// <summary>
/// The housing figures the programme tracks, computed from this module's own records so that the indicator and the
/// operational data can never disagree. District figures are given beside the city total.
/// </summary>
public static class HousingFigures
{
    public const string AffordableFlatsRaised = "H4.G1.T2.I1";
    public const string SubsidisedHouseholds = "H4.G1.T2.I2";
    public const string NewBeneficiaryHouseholds = "H4.G1.T2.I3";
    public const string PublicRentalFlatsByLottery = "H4.G1.T2.I4";

    public static IReadOnlyCollection<string> Codes { get; } = [AffordableFlatsRaised, SubsidisedHouseholds, NewBeneficiaryHouseholds, PublicRentalFlatsByLottery];

    public static IReadOnlyList<IndicatorFigure> Compute(PeriodKey period, IEnumerable<HousingProject> projects, IEnumerable<HouseholdApplication> applications, IEnumerable<SubsidyAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(accounts);
        var figures = new List<IndicatorFigure>();
        var label = period.ToString();

        var raised = projects.Where(p => p.Scheme == SchemeKind.AffordableRental && period.Contains(p.RaisedOn))
            .Select(p => (p.DistrictCode, Count: p.Flats.Count));
        Add(figures, AffordableFlatsRaised, period, raised, 1, $"住房保障: {label} 保障性租赁住房项目筹集房源套数");

        var apps = applications.ToList();
        var drawn = apps.Where(a => a.Scheme == SchemeKind.PublicRental)
            .SelectMany(a => a.Events.Where(e => e.Action == ProcedureAction.RecordDrawnFlat && period.Contains(ChinaTime.Today(e.AtUtc)))
                .Select(_ => (a.DistrictCode, Count: 1)));
        Add(figures, PublicRentalFlatsByLottery, period, drawn, 1, $"住房保障: {label} 公租房摇号配租结果记录");

        var beneficiaries = apps.SelectMany(a => a.Events
            .Where(e => e.Action is ProcedureAction.MoveIn or ProcedureAction.StartSubsidy && period.Contains(ChinaTime.Today(e.AtUtc)))
            .Select(_ => (a.DistrictCode, Count: 1)));
        Add(figures, NewBeneficiaryHouseholds, period, beneficiaries, 1, $"住房保障: {label} 实物配租入住与开始发放租赁补贴的家庭");

        var paid = accounts.Where(a => a.History.Any(h => h.Kind == SubsidyHistoryKind.Paid && h.Month is DateOnly m && period.Contains(m)))
            .Select(a => (a.DistrictCode, Count: 1));
        Add(figures, SubsidisedHouseholds, period, paid, 10_000, $"住房保障: {label} 有租赁补贴发放记录的家庭户数（万户）");

        return figures;
    }

    private static void Add(List<IndicatorFigure> figures, string code, PeriodKey period, IEnumerable<(string District, int Count)> items, double divisor, string source)
    {
        var byDistrict = items.GroupBy(i => i.District, StringComparer.Ordinal)
            .Select(g => (District: g.Key, Total: g.Sum(i => i.Count)))
            .OrderBy(g => g.District, StringComparer.Ordinal)
            .ToList();
        // The city total is reported even when it is zero: "none this period" is a figure, not a gap.
        figures.Add(new IndicatorFigure(code, period, null, byDistrict.Sum(d => d.Total) / divisor, null, null, source));
        figures.AddRange(byDistrict.Select(d => new IndicatorFigure(code, period, d.District, d.Total / divisor, null, null, source)));
    }
}
