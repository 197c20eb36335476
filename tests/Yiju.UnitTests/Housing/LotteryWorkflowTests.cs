using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Lottery;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Domain.Stock;
using static Yiju.UnitTests.Housing.HousingTestData;

namespace Yiju.UnitTests.Housing;

/// <summary>Applications in, lottery, applications out: the domain pieces fitted together as the feature handlers will.</summary>
public class LotteryWorkflowTests
{
    private static readonly Actor Bureau = new(Guid.NewGuid(), ActorRole.HousingBureau);

    [Fact]
    public void Drawn_households_enter_the_result_notice_and_the_rest_keep_waiting()
    {
        var procedure = new ApplicationProcedure(new TestCalendar());
        var apps = Enumerable.Range(1, 6).Select(i =>
        {
            var a = Application(SchemeKind.PublicRental, ("张三明", Adult1985, Relationship.Applicant, 1_000_00), ("李四", Adult1990, Relationship.Spouse, 1_000_00));
            a.Number = $"GZ2026-{i:D4}";
            a.Status = ApplicationStatus.Eligible;
            a.SpecialHardship = i == 4;
            Assert.True(procedure.Apply(a, new ProcedureCommand(ProcedureAction.EnterLottery), Bureau, NowUtc).Succeeded);
            return a;
        }).ToList();
        var other = Application(SchemeKind.RentalSubsidy);
        other.Status = ApplicationStatus.InLottery; // wrong scheme: not an entrant

        var entrants = LotteryInputs.Entrants([.. apps, other], SchemeKind.PublicRental, PriorityPolicy.Default, Today);
        Assert.Equal(6, entrants.Count);
        Assert.Equal(1, apps[3].PriorityTier);

        var flats = Enumerable.Range(1, 2).Select(i => new Flat { Id = Guid.NewGuid(), Code = $"1-1-{i}01", Rooms = 1, Status = FlatStatus.Vacant }).ToList();
        flats.Add(new Flat { Id = Guid.NewGuid(), Code = "1-1-301", Rooms = 1, Status = FlatStatus.UnderRepair });
        var lotteryFlats = LotteryInputs.Flats(flats, f => "P1_" + f.Code);
        Assert.Equal(2, lotteryFlats.Count);

        var secret = LotterySecret.Create();
        var rules = new LotteryRules { LotteryId = "GZ-2026-01", Title = "测试", Tiers = LotteryInputs.Tiers(PriorityPolicy.Default) };
        Assert.Equal([1, 2, 3], rules.Tiers.Select(t => t.Tier));
        var pub = LotteryPublication.Prepare(rules, entrants, lotteryFlats, "测试来源", LotterySecret.Commitment(secret), NowUtc);
        var outcome = pub.Draw(secret, "1 2 3", NowUtc.AddDays(3));
        Assert.Equal("GZ2026-0004", outcome.Placements[0].EntrantId); // the only tier-1 household ranks first

        var lotteryId = Guid.NewGuid();
        var flatIds = flats.ToDictionary(f => "P1_" + f.Code, f => f.Id);
        foreach (var (number, command) in LotteryInputs.Commands(outcome, lotteryId, flatIds))
        {
            var app = apps.Single(a => a.Number == number);
            Assert.True(procedure.Apply(app, command, Bureau, NowUtc.AddDays(3)).Succeeded);
            if (app.AllocatedFlatId is Guid f)
            {
                Assert.Null(flats.Single(x => x.Id == f).Allocate(app.Id));
            }
        }
        Assert.Equal(2, apps.Count(a => a.Status == ApplicationStatus.ResultNotice));
        Assert.Equal(4, apps.Count(a => a.Status == ApplicationStatus.Eligible));
        Assert.All(apps, a => Assert.Equal(lotteryId, a.LotteryId));

        var notice = PublicNotices.ResultNotice(apps, id => flats.Single(f => f.Id == id).Code);
        Assert.Equal(2, notice.Count);
        Assert.Equal(1, notice[0].LotteryRank);
        Assert.All(notice, r =>
        {
            Assert.Equal("张*明", r.ApplicantName);
            Assert.Equal("2301**********1232", r.ApplicantIdNumber);
            Assert.NotNull(r.FlatCode);
        });
    }

    [Fact]
    public void First_notice_lists_only_households_in_it_masked()
    {
        var inNotice = Application();
        inNotice.Status = ApplicationStatus.FirstNotice;
        var notYet = Application();
        notYet.Status = ApplicationStatus.Registered;
        var row = Assert.Single(PublicNotices.FirstNotice([inNotice, notYet]));
        Assert.Equal((inNotice.Number, "张*明", "2301**********1232", 2), (row.ApplicationNumber, row.ApplicantName, row.ApplicantIdNumber, row.HouseholdSize));
    }
}
