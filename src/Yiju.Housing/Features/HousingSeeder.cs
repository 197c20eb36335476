using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Data;
using Yiju.Housing.Domain.Eligibility;
using Yiju.Housing.Domain.Subsidies;

namespace Yiju.Housing.Features;

public sealed record HousingSeedReport(int RuleSetsAdded, bool SubsidyRulesAdded);

/// <summary>
/// Adds the three schemes' sample rule sets and sample subsidy rules on first start. They are placeholders: the pages
/// say so until the housing bureau (市住建局) enters Harbin's current figures as a new version. Idempotent: a scheme
/// that already has any rule set is left alone.
/// </summary>
public sealed class HousingSeeder(IHousingDb db)
{
    public const string SampleNote = "示例数值，待市住建局录入哈尔滨现行标准 (sample values until the housing bureau enters Harbin's)";

    /// <summary>Harbin's 9 districts, 7 counties and 2 county-level cities; the urban districts get the higher sample rent.</summary>
    private static readonly (string Code, long RentFen)[] SampleRents =
    [
        ("230102", 15_00), ("230103", 15_00), ("230104", 14_00), ("230108", 11_00), ("230109", 14_00), ("230110", 13_00),
        ("230111", 10_00), ("230112", 10_00), ("230113", 9_00), ("230123", 8_00), ("230124", 8_00), ("230125", 8_00),
        ("230126", 8_00), ("230127", 8_00), ("230128", 8_00), ("230129", 8_00), ("230183", 8_00), ("230184", 8_00),
    ];

    public async Task<HousingSeedReport> Seed(CancellationToken ct)
    {
        var from = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var have = await db.EligibilityRuleSets.AsNoTracking().Select(s => s.Scheme).Distinct().ToListAsync(ct);
        var added = 0;
        foreach (var set in new[] { SampleRuleSets.PublicRental(from), SampleRuleSets.AffordableRental(from), SampleRuleSets.RentalSubsidy(from) })
        {
            if (have.Contains(set.Scheme))
                continue;
            set.PolicyReference = SampleNote;
            foreach (var rule in set.Rules)
            {
                rule.Id = Guid.NewGuid();
                rule.RuleSetId = set.Id;
            }
            db.EligibilityRuleSets.Add(set);
            added++;
        }
        var subsidy = false;
        if (!await db.SubsidyRules.AnyAsync(ct))
        {
            var rules = new SubsidyRules
            {
                Id = Guid.Parse("5e0f3a0c-4b1e-4d7a-9a51-0a1d2c3b4e10"),
                Version = 1,
                EffectiveFromUtc = from,
                AreaStandardPerHeadM2 = 15,
                MaxCountedPersons = 4,
                MinimumMonthlyFen = 50_00,
                MaximumMonthlyFen = 1_000_00,
            };
            rules.RentStandards = SampleRents.Select(r => new DistrictRentStandard { Id = Guid.NewGuid(), RulesId = rules.Id, DistrictCode = r.Code, MonthlyRentPerM2Fen = r.RentFen }).ToList();
            rules.IncomeBands =
            [
                new SubsidyIncomeBand { Id = Guid.NewGuid(), RulesId = rules.Id, MaxIncomePerHeadFen = 1_000_00, SubsidyPermille = 1000 },
                new SubsidyIncomeBand { Id = Guid.NewGuid(), RulesId = rules.Id, MaxIncomePerHeadFen = 2_000_00, SubsidyPermille = 700 },
            ];
            db.SubsidyRules.Add(rules);
            subsidy = true;
        }
        if (added > 0 || subsidy)
            await db.SaveChangesAsync(ct);
        return new HousingSeedReport(added, subsidy);
    }
}
