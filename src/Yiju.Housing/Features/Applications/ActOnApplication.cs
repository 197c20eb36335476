using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Data;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Procedure;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Housing.Features.Applications;

public sealed record ActionResult(Guid Id, string Number, [property: JsonConverter(typeof(JsonStringEnumConverter<ApplicationStatus>))] ApplicationStatus Status, DateOnly? StepDueOn, long Version);

/// <summary>
/// One step of the procedure on one application by staff: street review, district review, the bureau's steps. The
/// domain decides whether the caller's role and scope allow it; a reviewer of another street or district gets 403.
/// </summary>
public sealed class ActOnApplication(IHousingDb db, HousingAccess access, ApplicationProcedure procedure, TimeProvider clock)
{
    /// <summary>Steps taken one application at a time; the lottery steps belong to the lottery.</summary>
    public static readonly IReadOnlySet<ProcedureAction> ManualActions = new HashSet<ProcedureAction>
    {
        ProcedureAction.StreetApprove, ProcedureAction.StreetReturn, ProcedureAction.DistrictApprove, ProcedureAction.DistrictReturn,
        ProcedureAction.OpenFirstNotice, ProcedureAction.CloseFirstNotice, ProcedureAction.CloseResultNotice, ProcedureAction.SignContract,
        ProcedureAction.MoveIn, ProcedureAction.PassAnnualReview, ProcedureAction.ExitOnAnnualReview,
    };

    public async Task<Outcome<ActionResult>> Handle(Guid applicationId, ProcedureAction action, string? reason, long? version, Caller caller, CancellationToken ct)
    {
        if (!ManualActions.Contains(action))
            return Failure.Invalid("action", "该步骤不能在此执行 (this step is not taken here)");
        var actors = await access.ActorsOf(caller, ct);
        if (actors.Count == 0)
            return Failure.Forbidden("无住房保障审核权限 (no housing role)");
        var app = await Load(db, applicationId, ct);
        if (app is null)
            return Failure.NotFound("申请不存在 (no such application)");
        if (version is { } v && v != app.Version)
            return Failure.Conflict();
        var now = clock.GetUtcNow().UtcDateTime;
        var result = Apply(procedure, app, new ProcedureCommand(action, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()), actors, now);
        if (!result.Succeeded)
            return HousingAccess.ToFailure(result.Refusal!);
        if (action == ProcedureAction.MoveIn && app.AllocatedFlatId is { } flatId && await db.HousingFlats.FindAsync([flatId], ct) is { } flat)
        {
            if (flat.Occupy() is { } refused)
                return Failure.Invalid("flat", refused.Text);
        }
        if (action == ProcedureAction.ExitOnAnnualReview && await db.SubsidyAccounts.Include(a => a.History).FirstOrDefaultAsync(a => a.ApplicationId == app.Id, ct) is { } account)
        {
            // 年审退出 ends the subsidy for good: the account is never paid again.
            account.End(app.LastReason ?? reason ?? "", now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Conflict();
        }
        return new ActionResult(app.Id, app.Number, app.Status, app.StepDueOn, app.Version);
    }

    /// <summary>
    /// Tries each of the caller's actors (a person may be street staff in one place and bureau staff too). The first
    /// that the domain accepts acts; otherwise the most telling refusal is returned: state and input problems before
    /// role and scope, so a reviewer in scope learns what is wrong.
    /// </summary>
    public static ProcedureResult Apply(ApplicationProcedure procedure, HouseholdApplication app, ProcedureCommand command, IReadOnlyList<Actor> actors, DateTime now)
    {
        ProcedureResult? best = null;
        foreach (var actor in actors)
        {
            var r = procedure.Apply(app, command, actor, now);
            if (r.Succeeded)
                return r;
            if (best is null || Rank(r.Refusal!) < Rank(best.Refusal!))
                best = r;
        }
        return best ?? ProcedureResult.Refused(ApplicationProcedure.WrongRoleCode, "无权执行此操作");
    }

    private static int Rank(Reason r) => r.Code switch
    {
        ApplicationProcedure.WrongRoleCode => 3,
        ApplicationProcedure.OutOfScopeCode => 2,
        _ => 1,
    };

    public static Task<HouseholdApplication?> Load(IHousingDb db, Guid id, CancellationToken ct) =>
        db.HousingApplications.Include(a => a.Members).Include(a => a.Events).Include(a => a.Objections).Include(a => a.Documents)
            .AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct);
}
