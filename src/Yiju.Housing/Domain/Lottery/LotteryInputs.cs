using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Domain.Stock;

namespace Yiju.Housing.Domain.Lottery;

/// <summary>Builds the frozen lists from applications and flats, and turns a drawn result back into procedure steps.</summary>
public static class LotteryInputs
{
    /// <summary>
    /// Entrants are the applications in 摇号中 for the lottery's scheme; each gets its priority tier now, stored on the
    /// application so the applicant can see the tier that was used.
    /// </summary>
    public static IReadOnlyList<LotteryEntrant> Entrants(IEnumerable<HouseholdApplication> applications, SchemeKind scheme, PriorityPolicy policy, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(policy);
        var list = new List<LotteryEntrant>();
        foreach (var app in applications)
        {
            if (app.Status != ApplicationStatus.InLottery || app.Scheme != scheme)
            {
                continue;
            }
            app.PriorityTier = policy.TierOf(app, today);
            list.Add(new LotteryEntrant(app.Number, app.PriorityTier.Value, app.HouseholdSize));
        }
        return list;
    }

    /// <summary>The tier descriptions rules.json publishes, from the same policy that assigned the tiers.</summary>
    public static IReadOnlyList<LotteryTier> Tiers(PriorityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var tiers = policy.Rules.GroupBy(r => r.Tier)
            .Select(g => new LotteryTier(g.Key, PriorityPolicy.ChineseText(g.Aggregate(PriorityFactors.None, (f, r) => f | r.Factor))))
            .ToList();
        if (tiers.All(t => t.Tier != policy.GeneralTier))
        {
            tiers.Add(new LotteryTier(policy.GeneralTier, "其他家庭"));
        }
        return tiers.OrderBy(t => t.Tier).ToList();
    }

    /// <summary>Vacant flats as lottery flats; the lottery id of a flat is its project's code and its own code joined by '_'.</summary>
    public static IReadOnlyList<LotteryFlat> Flats(IEnumerable<Flat> flats, Func<Flat, string> lotteryFlatId)
    {
        ArgumentNullException.ThrowIfNull(flats);
        ArgumentNullException.ThrowIfNull(lotteryFlatId);
        return flats.Where(f => f.Status == FlatStatus.Vacant).Select(f => new LotteryFlat(lotteryFlatId(f), f.Rooms)).ToList();
    }

    /// <summary>
    /// One procedure command per entrant: a drawn flat opens the result notice, no flat returns the household to
    /// the waiting list with its rank recorded. The caller applies them with the bureau as actor and allocates the flats.
    /// </summary>
    public static IReadOnlyList<(string ApplicationNumber, ProcedureCommand Command)> Commands(LotteryOutcome outcome, Guid lotteryId, IReadOnlyDictionary<string, Guid> flatIdByLotteryFlatId)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(flatIdByLotteryFlatId);
        return outcome.Placements.Select(p => (p.EntrantId, p.FlatId is null
            ? new ProcedureCommand(ProcedureAction.RecordNotDrawn, Rank: p.Rank, LotteryId: lotteryId)
            : new ProcedureCommand(ProcedureAction.RecordDrawnFlat, FlatId: flatIdByLotteryFlatId[p.FlatId], Rank: p.Rank, LotteryId: lotteryId))).ToList();
    }
}
