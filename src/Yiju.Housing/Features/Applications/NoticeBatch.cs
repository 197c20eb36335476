using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Data;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Procedure;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Housing.Features.Applications;

public sealed record BatchResult(int Done, IReadOnlyList<string> Skipped);

/// <summary>
/// The bureau publishes and closes notices for many households at once: the first notice (资格公示) for every household
/// registered on the waiting list, its close for those whose notice is over with no pending objection, and the close of
/// the result notice (结果公示). Households the domain refuses are listed with the reason and left as they were.
/// </summary>
public sealed class NoticeBatch(IHousingDb db, HousingAccess access, ApplicationProcedure procedure, TimeProvider clock)
{
    public static readonly IReadOnlyDictionary<ProcedureAction, ApplicationStatus> Batchable = new Dictionary<ProcedureAction, ApplicationStatus>
    {
        [ProcedureAction.OpenFirstNotice] = ApplicationStatus.Registered,
        [ProcedureAction.CloseFirstNotice] = ApplicationStatus.FirstNotice,
        [ProcedureAction.CloseResultNotice] = ApplicationStatus.ResultNotice,
    };

    public async Task<Outcome<BatchResult>> Handle(ProcedureAction action, Caller caller, CancellationToken ct)
    {
        if (!Batchable.TryGetValue(action, out var from))
            return Failure.Invalid("action", "该步骤不能批量执行 (not a batch step)");
        if (await access.Bureau(caller, ct) is not { } bureau)
            return Failure.Forbidden("只有市住建局可以发布或结束公示 (housing bureau only)");
        var apps = await db.HousingApplications.Include(a => a.Members).Include(a => a.Events).Include(a => a.Objections)
            .AsSplitQuery().Where(a => a.Status == from).OrderBy(a => a.Number).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var done = 0;
        var skipped = new List<string>();
        foreach (var app in apps)
        {
            var r = procedure.Apply(app, new ProcedureCommand(action), bureau, now);
            if (r.Succeeded)
                done++;
            else
                skipped.Add($"{app.Number}: {r.Refusal!.Text}");
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Conflict();
        }
        return new BatchResult(done, skipped);
    }
}
