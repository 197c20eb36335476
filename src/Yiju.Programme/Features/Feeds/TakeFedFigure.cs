using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Reporting;

namespace Yiju.Programme.Features.Feeds;

/// <summary>Take the figure <paramref name="Feed"/> publishes for the indicator, period and district (null = city) in as a draft.</summary>
public sealed record TakeFedFigureCommand(string IndicatorCode, string? Feed, string? Period, string? DistrictCode, string? Explanation);

/// <summary>
/// A department takes a figure another module feeds (<see cref="IIndicatorFeed"/>) in as its draft for that period: the
/// figure is read again from the feed (never from the request), checked like a typed figure (who may report the line, the
/// period, the district, <see cref="ValueValidation"/>), and stored as a draft whose source is the feed and the feed's own
/// description, entered by the caller. It then goes through the normal submit → approve path. Only for a period that has
/// no value yet: an approved or submitted value changes only by the normal revision, and a draft or returned value is
/// the department's own work, edited on its form — both are 409, never overwritten.
/// </summary>
public sealed class TakeFedFigure(IProgrammeDb db, IProgrammeDirectory directory, IEnumerable<IIndicatorFeed> feeds, TimeProvider clock)
{
    public ValidationSettings Settings { get; init; } = ValidationSettings.Default;

    public async Task<Outcome<ReportedValueSummary>> Handle(TakeFedFigureCommand command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(caller);
        var line = await ReportLine.Resolve(db, directory, clock, caller, command.IndicatorCode, command.Period, command.DistrictCode, ct);
        if (!line.Succeeded)
            return line.Failure!;
        var (indicator, task, period, district) = line.Value!;
        var now = clock.GetUtcNow().UtcDateTime;
        var feedName = command.Feed?.Trim();
        var feed = feeds.FirstOrDefault(f => string.Equals(f.FeedName, feedName, StringComparison.Ordinal));
        if (feed is null)
            return Failure.Invalid("Feed", $"没有名为“{feedName}”的数据来源 (unknown feed)");
        if (!feed.IndicatorCodes.Contains(indicator.Code))
            return Failure.Invalid("Feed", $"数据来源 {feed.FeedName} 不提供指标 {indicator.Code} 的数字 (the feed does not publish this indicator)");

        var explanation = string.IsNullOrWhiteSpace(command.Explanation) ? null : command.Explanation.Trim();
        if (explanation is { Length: > ProgrammeLimits.Note })
            return Failure.Invalid("Explanation", $"说明不能超过 {ProgrammeLimits.Note} 字 (text too long)");

        var latest = await db.ReportedValues.AsNoTracking()
            .Where(v => v.IndicatorId == indicator.Id && v.Period == period && v.DistrictCode == district)
            .OrderByDescending(v => v.Revision)
            .Select(v => new { v.Status, v.Revision })
            .FirstOrDefaultAsync(ct);
        if (latest is not null)
        {
            return Failure.Conflict(latest.Status is ValueStatus.Submitted or ValueStatus.Approved
                ? $"期间 {period} 已有{(latest.Status == ValueStatus.Approved ? "已审核" : "已报送待审核")}的数值（第{latest.Revision}版），不能用推送的数字替换；如需更正，请按修订流程填报并说明原因 (a value is already submitted or approved: change it only by a revision)"
                : $"期间 {period} 已有草稿或被退回的数值（第{latest.Revision}版），请在表单中直接修改 (a draft or returned value exists: edit it)");
        }

        var figure = (await feed.GetFiguresAsync(period, ct))
            .FirstOrDefault(f => string.Equals(f.IndicatorCode, indicator.Code, StringComparison.Ordinal) && f.DistrictCode == district);
        if (figure is null)
            return Failure.Invalid("Period", $"数据来源 {feed.FeedName} 没有 {period}{(district is null ? "" : " " + district)} 的数字 (the feed has no figure for this period and district)");

        var previousPeriod = period.Previous();
        var previous = await db.ReportedValues.AsNoTracking()
            .Where(v => v.IndicatorId == indicator.Id && v.Period == previousPeriod && v.DistrictCode == district
                && v.Status == ValueStatus.Approved && v.IsCurrent)
            .Select(v => (double?)v.Value)
            .FirstOrDefaultAsync(ct);
        var errors = ValueValidation.Validate(indicator, new ValueInput(figure.Value, figure.Numerator, figure.Denominator, previous, explanation), Settings);
        if (errors.Count > 0)
        {
            var byField = errors.GroupBy(e => e.Code == ValueValidation.ExplanationRequired ? "Explanation" : "Value")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return Failure.Invalid(string.Join(" ", errors.Select(e => e.Message)), byField);
        }

        ReportedValue draft;
        try
        {
            draft = FeedIntake.ToDraft(feed, figure, indicator, caller.Name, now, explanation);
        }
        catch (ProgrammeRuleException e)
        {
            return Failure.Invalid("Period", e.Message);
        }

        db.ReportedValues.Add(draft);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone created the same period's value at the same moment (unique index).
            return Failure.Conflict();
        }

        return ReportedValueSummary.Of(draft, indicator.Code);
    }
}
