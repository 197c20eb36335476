using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Domain.Stock;
using Yiju.Housing.Domain.Subsidies;
using Yiju.Kernel.Indicators;
using static Yiju.UnitTests.Housing.HousingTestData;

namespace Yiju.UnitTests.Housing;

public class HousingFiguresTests
{
    private static HousingProject Project(SchemeKind scheme, string district, DateOnly raised, int flats) => new()
    {
        Id = Guid.NewGuid(),
        Scheme = scheme,
        DistrictCode = district,
        RaisedOn = raised,
        Flats = Enumerable.Range(0, flats).Select(i => new Flat { Id = Guid.NewGuid(), Code = $"1-1-{i}" }).ToList(),
    };

    private static Yiju.Housing.Domain.Applications.HouseholdApplication WithEvent(SchemeKind scheme, string district, ProcedureAction action, DateTime atUtc)
    {
        var app = Application(scheme);
        app.DistrictCode = district;
        app.Events.Add(new ApplicationEvent { Id = Guid.NewGuid(), ApplicationId = app.Id, Action = action, AtUtc = atUtc, Sequence = 1 });
        return app;
    }

    [Fact]
    public void Figures_come_from_the_modules_own_records_by_period_and_district()
    {
        var year = PeriodKey.ForYear(2026);
        var projects = new[]
        {
            Project(SchemeKind.AffordableRental, "230102", new DateOnly(2026, 3, 1), 120),
            Project(SchemeKind.AffordableRental, "230103", new DateOnly(2026, 9, 1), 80),
            Project(SchemeKind.AffordableRental, "230103", new DateOnly(2025, 9, 1), 500), // another year
            Project(SchemeKind.PublicRental, "230102", new DateOnly(2026, 5, 1), 300), // another scheme
        };
        var apps = new[]
        {
            WithEvent(SchemeKind.PublicRental, "230102", ProcedureAction.RecordDrawnFlat, new DateTime(2026, 6, 1, 2, 0, 0, DateTimeKind.Utc)),
            WithEvent(SchemeKind.PublicRental, "230103", ProcedureAction.RecordDrawnFlat, new DateTime(2026, 6, 1, 2, 0, 0, DateTimeKind.Utc)),
            // 31 Dec 2025 20:00 UTC is already 1 January 2026 in Harbin.
            WithEvent(SchemeKind.PublicRental, "230103", ProcedureAction.RecordDrawnFlat, new DateTime(2025, 12, 31, 20, 0, 0, DateTimeKind.Utc)),
            WithEvent(SchemeKind.AffordableRental, "230102", ProcedureAction.RecordDrawnFlat, new DateTime(2026, 6, 1, 2, 0, 0, DateTimeKind.Utc)),
            WithEvent(SchemeKind.RentalSubsidy, "230102", ProcedureAction.StartSubsidy, new DateTime(2026, 2, 1, 2, 0, 0, DateTimeKind.Utc)),
            WithEvent(SchemeKind.PublicRental, "230102", ProcedureAction.MoveIn, new DateTime(2026, 7, 1, 2, 0, 0, DateTimeKind.Utc)),
        };
        var now = new DateTime(2026, 1, 5, 2, 0, 0, DateTimeKind.Utc);
        var paid = SubsidyAccount.Open(Guid.NewGuid(), Guid.NewGuid(), "230102", "张三明", Adult1985, "银行", "1", 100_00, new DateOnly(2026, 1, 1), now);
        var unpaid = SubsidyAccount.Open(Guid.NewGuid(), Guid.NewGuid(), "230103", "李四", Adult1990, "银行", "2", 100_00, new DateOnly(2026, 1, 1), now);
        SubsidyPayments.BuildRun([paid], new DateOnly(2026, 1, 1), "B1", now);
        SubsidyPayments.BuildRun([paid], new DateOnly(2026, 2, 1), "B2", now);

        var figures = HousingFigures.Compute(year, projects, apps, [paid, unpaid]);
        double City(string code) => figures.Single(f => f.IndicatorCode == code && f.DistrictCode is null).Value;
        double District(string code, string d) => figures.Single(f => f.IndicatorCode == code && f.DistrictCode == d).Value;

        Assert.Equal(200, City(HousingFigures.AffordableFlatsRaised));
        Assert.Equal(80, District(HousingFigures.AffordableFlatsRaised, "230103"));
        Assert.Equal(3, City(HousingFigures.PublicRentalFlatsByLottery));
        Assert.Equal(2, District(HousingFigures.PublicRentalFlatsByLottery, "230103"));
        Assert.Equal(2, City(HousingFigures.NewBeneficiaryHouseholds));
        Assert.Equal(0.0001, City(HousingFigures.SubsidisedHouseholds), 10);
        Assert.All(figures, f => Assert.Equal(year, f.Period));

        var q4 = HousingFigures.Compute(PeriodKey.ForQuarter(2026, 4), projects, apps, [paid]);
        Assert.All(q4.Where(f => f.DistrictCode is null), f => Assert.Equal(0, f.Value));
        Assert.Equal(4, q4.Count);
    }
}
