using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Data;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Procedure;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Housing.Features.Applications;

/// <summary>Objections during a public notice: anyone raises one; the bureau or the application's district resolves it.</summary>
public sealed class Objections(IHousingDb db, HousingAccess access, ApplicationProcedure procedure, TimeProvider clock)
{
    public async Task<Outcome<Guid>> Raise(string? applicationNumber, string? text, string? contact, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2000)
            errors["text"] = ["请填写异议内容（不超过2000字）(state the objection, at most 2000 characters)"];
        if (string.IsNullOrWhiteSpace(contact) || contact.Length > 200)
            errors["contact"] = ["请留下联系方式，仅用于核实，不公开 (leave a contact for the investigation; never published)"];
        if (errors.Count > 0)
            return Failure.Invalid("异议信息不完整 (incomplete objection)", errors);
        var number = applicationNumber?.Trim().ToUpperInvariant() ?? "";
        var app = await db.HousingApplications.Include(a => a.Objections).FirstOrDefaultAsync(a => a.Number == number, ct);
        if (app is null)
            return Failure.NotFound("公示中没有该编号 (no such application in a notice)");
        var result = procedure.RaiseObjection(app, text!, contact!.Trim(), clock.GetUtcNow().UtcDateTime, out var objection);
        if (!result.Succeeded)
            return Failure.Invalid(result.Refusal!.Code, result.Refusal.Text);
        await db.SaveChangesAsync(ct);
        return objection!.Id;
    }

    public async Task<Outcome<ApplicationStatus>> Resolve(Guid applicationId, Guid objectionId, bool upheld, string? resolution, Caller caller, CancellationToken ct)
    {
        var actors = await access.ActorsOf(caller, ct);
        if (actors.Count == 0)
            return Failure.Forbidden("无住房保障审核权限 (no housing role)");
        var app = await ActOnApplication.Load(db, applicationId, ct);
        if (app is null)
            return Failure.NotFound("申请不存在 (no such application)");
        var now = clock.GetUtcNow().UtcDateTime;
        Reason? refusal = null;
        foreach (var actor in actors.OrderBy(a => a.Role == ActorRole.HousingBureau ? 0 : 1))
        {
            var r = procedure.ResolveObjection(app, objectionId, upheld, resolution ?? "", actor, now);
            if (r.Succeeded)
            {
                refusal = null;
                break;
            }
            refusal ??= r.Refusal;
        }
        if (refusal is not null)
            return HousingAccess.ToFailure(refusal);
        if (app.Status == ApplicationStatus.Removed && app.AllocatedFlatId is { } flatId && await db.HousingFlats.FindAsync([flatId], ct) is { } flat)
        {
            flat.Release();
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Conflict();
        }
        return app.Status;
    }
}
