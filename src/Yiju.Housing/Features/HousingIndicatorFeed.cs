using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Data;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Domain.Subsidies;
using Yiju.Kernel.Indicators;

namespace Yiju.Housing.Features;

/// <summary>
/// Flats raised, flats allocated by lottery, new beneficiary households and subsidised households, for Programme's
/// indicators through the Kernel contract. Loads only what the period can count, then lets the domain compute.
/// </summary>
public sealed class HousingIndicatorFeed(IHousingDb db) : IIndicatorFeed
{
    public string FeedName => "housing";

    public IReadOnlyCollection<string> IndicatorCodes => HousingFigures.Codes;

    public async Task<IReadOnlyList<IndicatorFigure>> GetFiguresAsync(PeriodKey period, CancellationToken cancellationToken)
    {
        // Events are stored in UTC; a civil day in China starts 8 hours earlier, so widen the window by a day each side.
        var from = period.Start.AddDays(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = period.End.AddDays(2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var counted = new[] { ProcedureAction.RecordDrawnFlat, ProcedureAction.MoveIn, ProcedureAction.StartSubsidy };
        var projects = await db.HousingProjects.AsNoTracking().Include(p => p.Flats)
            .Where(p => p.Scheme == SchemeKind.AffordableRental && p.RaisedOn >= period.Start && p.RaisedOn <= period.End).ToListAsync(cancellationToken);
        var applications = await db.HousingApplications.AsNoTracking()
            .Include(a => a.Events.Where(e => counted.Contains(e.Action) && e.AtUtc >= from && e.AtUtc < to))
            .Where(a => a.Events.Any(e => counted.Contains(e.Action) && e.AtUtc >= from && e.AtUtc < to))
            .ToListAsync(cancellationToken);
        var accounts = await db.SubsidyAccounts.AsNoTracking()
            .Include(a => a.History.Where(h => h.Kind == SubsidyHistoryKind.Paid && h.Month >= period.Start && h.Month <= period.End))
            .Where(a => a.History.Any(h => h.Kind == SubsidyHistoryKind.Paid && h.Month >= period.Start && h.Month <= period.End))
            .ToListAsync(cancellationToken);
        return HousingFigures.Compute(period, projects, applications, accounts);
    }
}
