using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Eligibility;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Domain.Stock;
using Yiju.Housing.Domain.Subsidies;

namespace Yiju.Housing.Data;

/// <summary>The housing module's tables. Implemented by YijuDb in Yiju.Data; handlers use EF Core through it directly.</summary>
public interface IHousingDb
{
    DbSet<EligibilityRuleSet> EligibilityRuleSets { get; }
    DbSet<HouseholdApplication> HousingApplications { get; }
    DbSet<ApplicationMember> HousingMembers { get; }
    DbSet<ApplicationEvent> HousingEvents { get; }
    DbSet<Objection> HousingObjections { get; }
    DbSet<ApplicationDocument> HousingDocuments { get; }
    DbSet<DocumentContent> HousingDocumentContents { get; }
    DbSet<HousingProject> HousingProjects { get; }
    DbSet<Flat> HousingFlats { get; }
    DbSet<LotteryRecord> HousingLotteries { get; }
    DbSet<SubsidyRules> SubsidyRules { get; }
    DbSet<SubsidyAccount> SubsidyAccounts { get; }
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
