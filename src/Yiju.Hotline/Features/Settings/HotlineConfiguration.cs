using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;

namespace Yiju.Hotline.Features.Settings;

/// <summary>
/// The centre's editable settings as the domain types the handlers use: the deadline policy, the KPI weight versions
/// and the status wording. Read per request (the tables have a handful of rows), so an edit on one web node is in force
/// on every node at the next request. An empty table means the built-in defaults.
/// </summary>
public sealed class HotlineConfiguration(IHotlineDb db)
{
    /// <summary>The stored deadline rules (the default policy when none are stored, or when the stored set is not a valid policy).</summary>
    public DeadlinePolicy Policy()
    {
        var rows = db.DeadlineRules.AsNoTracking().ToList();
        if (rows.Count == 0)
            return DeadlinePolicy.Default;
        try
        {
            // Two nodes seeding at once could store a rule twice; the first stored copy counts.
            return new DeadlinePolicy(rows.OrderBy(r => r.Id).DistinctBy(r => (r.Type, r.CategoryCode, r.Urgency)).Select(r => r.ToRule()));
        }
        catch (ArgumentException)
        {
            // Edits are validated as a whole before they are saved, so this only guards against hand-edited rows.
            return DeadlinePolicy.Default;
        }
    }

    public async Task<KpiWeightHistory> Weights(CancellationToken ct)
    {
        var rows = await db.KpiWeightVersions.AsNoTracking().ToListAsync(ct);
        return rows.Count == 0 ? new KpiWeightHistory([KpiWeights.Default]) : new KpiWeightHistory(rows.Select(r => r.ToWeights()));
    }

    public StatusLabels Labels()
    {
        var rows = db.StatusLabelRows.AsNoTracking().ToList();
        var labels = StatusLabels.Default;
        foreach (var row in rows.Where(r => Enum.IsDefined(r.Status)))
            labels = labels.With(row.Status, row.LabelZh, row.LabelEn);
        return labels;
    }

    /// <summary>Stores the default deadline rules and weights version 1 when none are stored, so the centre edits real rows; returns how many rows were added.</summary>
    public async Task<int> Seed(CancellationToken ct)
    {
        var added = 0;
        if (!await db.DeadlineRules.AnyAsync(ct))
        {
            foreach (var rule in DeadlinePolicy.Default.Rules)
            {
                db.DeadlineRules.Add(DeadlineRuleRow.From(rule));
                added++;
            }
        }
        if (!await db.KpiWeightVersions.AnyAsync(ct))
        {
            var w = KpiWeights.Default;
            db.KpiWeightVersions.Add(new KpiWeightsRow
            {
                Version = w.Version,
                EffectiveFrom = w.EffectiveFrom,
                Response = w.Response,
                Resolution = w.Resolution,
                Satisfaction = w.Satisfaction,
                OnTimeClosing = w.OnTimeClosing,
                BasicallySatisfiedCredit = w.BasicallySatisfiedCredit,
                Note = "默认权重 (built-in default)",
                CreatedAtUtc = DateTime.UnixEpoch,
                CreatedBy = "system",
            });
            added++;
        }
        if (added == 0)
            return 0;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node seeded first.
            return 0;
        }
        return added;
    }
}
