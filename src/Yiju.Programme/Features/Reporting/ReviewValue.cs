using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Reporting;

/// <summary>A coordinator's decision on a submitted value; <paramref name="Version"/> is the version they reviewed.</summary>
public sealed record ReviewValueCommand(Guid ValueId, bool Approve, string? Reason, long Version);

/// <summary>
/// Approves a submitted value (for a revision, the value it replaces stops being current in the same save) or returns
/// it with a reason. Only coordinators, never the person who entered it.
/// </summary>
public sealed class ReviewValue(IProgrammeDb db, TimeProvider clock)
{
    public async Task<Outcome<ReportedValueSummary>> Handle(ReviewValueCommand command, Caller caller, CancellationToken ct)
    {
        if (!ReportingRules.CanReview(caller.Grants))
            return Failure.Forbidden("只有规划协调人员可以审核 (only programme coordinators review)");
        var value = await db.ReportedValues.Include(v => v.History).FirstOrDefaultAsync(v => v.Id == command.ValueId, ct);
        if (value is null)
            return Failure.NotFound("数值不存在 (unknown value)");
        if (ReportingRules.CheckReviewer(value, caller.Name) is { } fourEyes)
            return Failure.Forbidden(fourEyes);
        if (value.Version != command.Version)
            return Failure.Conflict();
        if (!command.Approve && string.IsNullOrWhiteSpace(command.Reason))
            return Failure.Invalid("Reason", "退回必须说明原因 (a return needs a reason)");
        if (command.Reason is { Length: > ProgrammeLimits.Note })
            return Failure.Invalid("Reason", $"原因不能超过 {ProgrammeLimits.Note} 字 (reason too long)");
        var code = await db.Indicators.AsNoTracking().Where(i => i.Id == value.IndicatorId).Select(i => i.Code).FirstAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            if (command.Approve)
            {
                var previous = value.PreviousRevisionId is { } previousId
                    ? await db.ReportedValues.Include(v => v.History).FirstOrDefaultAsync(v => v.Id == previousId, ct)
                    : null;
                value.Approve(caller.Name, now, previous);
            }
            else
            {
                value.Return(caller.Name, now, command.Reason!.Trim());
            }
        }
        catch (ProgrammeRuleException e)
        {
            return Failure.Conflict(e.Message);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Conflict();
        }
        return ReportedValueSummary.Of(value, code);
    }
}
