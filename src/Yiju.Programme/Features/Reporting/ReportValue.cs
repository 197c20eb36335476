using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Reporting;

/// <summary>
/// A department's figure for indicator × period × district (null = the city). <paramref name="Version"/> is the version
/// of the value the person saw (null when they saw none): a mismatch is a conflict, never a silent overwrite.
/// When the current value is approved, saving starts a new revision and <paramref name="Explanation"/> is its reason.
/// </summary>
public sealed record ReportValueCommand(
    string IndicatorCode, string Period, string? DistrictCode, double Value, double? Numerator, double? Denominator,
    string? Explanation, string? SourceNote, long? Version, bool Submit);

public sealed record ReportedValueSummary(
    Guid Id, string IndicatorCode, string Period, string? DistrictCode, double Value, double? Numerator, double? Denominator,
    ValueStatus Status, int Revision, long Version, string? ReturnReason)
{
    public static ReportedValueSummary Of(ReportedValue v, string indicatorCode) =>
        new(v.Id, indicatorCode, v.Period.ToString(), v.DistrictCode, v.Value, v.Numerator, v.Denominator, v.Status, v.Revision, v.Version, v.ReturnReason);
}

/// <summary>Enters, corrects, revises and (optionally at once) submits a department's figure, validated by <see cref="ValueValidation"/>.</summary>
public sealed class ReportValue(IProgrammeDb db, IProgrammeDirectory directory, TimeProvider clock)
{
    public ValidationSettings Settings { get; init; } = ValidationSettings.Default;

    public async Task<Outcome<ReportedValueSummary>> Handle(ReportValueCommand command, Caller caller, CancellationToken ct)
    {
        var resolved = await ReportLine.Resolve(db, directory, clock, caller, command.IndicatorCode, command.Period, command.DistrictCode, ct);
        if (!resolved.Succeeded)
            return resolved.Failure!;
        var (indicator, task, period, district) = resolved.Value!;
        var now = clock.GetUtcNow().UtcDateTime;
        if (command.Explanation is { Length: > ProgrammeLimits.Note } || command.SourceNote is { Length: > ProgrammeLimits.Note })
            return Failure.Invalid("Explanation", $"说明不能超过 {ProgrammeLimits.Note} 字 (text too long)");

        var previousPeriod = period.Previous();
        var previous = await db.ReportedValues.AsNoTracking()
            .Where(v => v.IndicatorId == indicator.Id && v.Period == previousPeriod && v.DistrictCode == district
                && v.Status == ValueStatus.Approved && v.IsCurrent)
            .Select(v => (double?)v.Value)
            .FirstOrDefaultAsync(ct);
        var explanation = string.IsNullOrWhiteSpace(command.Explanation) ? null : command.Explanation.Trim();
        var errors = ValueValidation.Validate(indicator, new ValueInput(command.Value, command.Numerator, command.Denominator, previous, explanation), Settings);
        if (errors.Count > 0)
        {
            var byField = errors.GroupBy(e => FieldOf(e.Code)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return Failure.Invalid(string.Join(" ", errors.Select(e => e.Message)), byField);
        }

        var line = await db.ReportedValues.Include(v => v.History)
            .Where(v => v.IndicatorId == indicator.Id && v.Period == period && v.DistrictCode == district)
            .OrderByDescending(v => v.Revision)
            .ToListAsync(ct);
        var latest = line.FirstOrDefault();
        var by = caller.Name;
        ReportedValue saved;
        try
        {
            if (latest is null)
            {
                if (command.Version is > 0)
                    return Failure.Conflict();
                var source = new SourceReference($"{task.LeadDepartment} 填报（{by}）", command.SourceNote?.Trim() ?? "");
                saved = ReportedValue.CreateDraft(indicator.Id, period, district, command.Value, command.Numerator, command.Denominator, source, by, now, explanation);
                db.ReportedValues.Add(saved);
            }
            else if (command.Version is null)
            {
                return Failure.Conflict($"期间 {period} 已有数值（第{latest.Revision}版，{latest.Status}），请修改或修订该数值 (a value exists for this period: edit or revise it, sending its version)");
            }
            else if (command.Version != latest.Version)
            {
                return Failure.Conflict(latest.Status == ValueStatus.Submitted
                    ? "该数值已报送待审核，请刷新后查看 (already submitted for review; reload)"
                    : "该数值已被他人修改，请刷新后重试 (changed by someone else; reload and try again)");
            }
            else if (latest.Status is ValueStatus.Draft or ValueStatus.Returned)
            {
                latest.Edit(command.Value, command.Numerator, command.Denominator, explanation, by, now);
                saved = latest;
            }
            else if (latest.Status == ValueStatus.Submitted)
            {
                return Failure.Conflict("该数值已报送，正在审核，不能修改 (submitted and awaiting review)");
            }
            else
            {
                if (explanation is null)
                    return Failure.Invalid("Explanation", "修订已审核的数值必须说明原因 (a revision of an approved value needs a reason)");
                saved = latest.Revise(command.Value, command.Numerator, command.Denominator, explanation, by, now);
                db.ReportedValues.Add(saved);
            }

            if (command.Submit)
                saved.Submit(by, now);
        }
        catch (ProgrammeRuleException e)
        {
            return Failure.Invalid(e.Message);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrency failure, or someone else created the same period's report at the same moment (unique index).
            return Failure.Conflict();
        }
        return ReportedValueSummary.Of(saved, indicator.Code);
    }

    private static string FieldOf(string code) => code switch
    {
        ValueValidation.ExplanationRequired => "Explanation",
        ValueValidation.PartsRequired or ValueValidation.PartsMismatch or ValueValidation.NegativeParts
            or ValueValidation.ZeroDenominator or ValueValidation.NumeratorAboveDenominator => "Numerator",
        _ => "Value",
    };
}
