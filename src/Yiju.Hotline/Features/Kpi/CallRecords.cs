using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Kernel;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Kpi;

public sealed record CallDay(DateOnly Day, int Offered, int Answered, int Version, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>One day's counts; <see cref="Version"/> is the version the person saw (0 or null for a day not yet recorded).</summary>
public sealed record RecordCalls(DateOnly? Day, int? Offered, int? Answered, int? Version);

public sealed record CallMonth(string Month, IReadOnlyList<CallDay> Days, RateFigure AnswerRate);

public sealed record ImportResult(int Added, int Updated);

/// <summary>
/// 接听率 from the telephony system's counts: the centre records (or imports as CSV lines "yyyy-MM-dd,offered,answered")
/// the calls offered to and answered by the 12345 agents each day; the month's rate is Σanswered / Σoffered.
/// An import is all or nothing: one bad line rejects the whole file with its line number.
/// </summary>
public sealed class CallRecords(IHotlineDb db, IHotlineDirectory directory, TimeProvider clock)
{
    public const int MaxCallsPerDay = 10_000_000;
    public const int MaxImportLines = 2_000;

    public async Task<Outcome<CallMonth>> Month(YearMonth month, Caller caller, CancellationToken ct)
    {
        if (await directory.ActorFor(caller, ct) is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        var days = await ForMonth(month, ct);
        return new CallMonth(month.ToString(), days, AnswerRate(days));
    }

    public async Task<IReadOnlyList<CallDay>> ForMonth(YearMonth month, CancellationToken ct)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var next = first.AddMonths(1);
        var rows = await db.CallCounts.AsNoTracking().Where(c => c.Day >= first && c.Day < next).OrderBy(c => c.Day).ToListAsync(ct);
        return [.. rows.Select(r => new CallDay(r.Day, r.Offered, r.Answered, r.Version, r.RecordedBy, ChinaTime.ToShanghaiOffset(r.RecordedAtUtc)))];
    }

    public static RateFigure AnswerRate(IEnumerable<CallDay> days)
    {
        var rate = Kpis.CallAnswerRate(days.Select(d => new CallCounts(YearMonth.Of(ChinaTime.StartOfDayUtc(d.Day)), d.Offered, d.Answered)));
        return new RateFigure("CallAnswer", "接听率", rate.Numerator, rate.Denominator, rate.Value);
    }

    public async Task<Outcome<CallDay>> Record(RecordCalls command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await CentreActor(caller, ct);
        if (actor is null)
            return Failure.Forbidden("只有12345中心可以登记话务量 (only the hotline centre records call counts)");
        if (command.Day is not { } day || command.Offered is not { } offered || command.Answered is not { } answered)
            return Failure.Invalid("day", "须填写日期、呼入量和接听量 (day, offered and answered are required)");
        if (Check(day, offered, answered) is { } error)
            return Failure.Invalid("answered", error);
        var row = await db.CallCounts.FirstOrDefaultAsync(c => c.Day == day, ct);
        if ((row?.Version ?? 0) != (command.Version ?? 0))
            return Failure.Conflict("该日话务量已被他人登记或修改，请刷新后重试 (the day's counts changed; reload)");
        row = Apply(row, day, offered, answered, actor);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Failure.Conflict("该日话务量已被他人登记，请刷新后重试 (someone else recorded the day first; reload)");
        }
        return new CallDay(row.Day, row.Offered, row.Answered, row.Version, row.RecordedBy, ChinaTime.ToShanghaiOffset(row.RecordedAtUtc));
    }

    /// <summary>Imports CSV lines "yyyy-MM-dd,offered,answered" (a header line and blank lines are skipped); a day already recorded is replaced.</summary>
    public async Task<Outcome<ImportResult>> Import(string? csv, Caller caller, CancellationToken ct)
    {
        var actor = await CentreActor(caller, ct);
        if (actor is null)
            return Failure.Forbidden("只有12345中心可以登记话务量 (only the hotline centre records call counts)");
        if (string.IsNullOrWhiteSpace(csv))
            return Failure.Invalid("csv", "内容为空 (nothing to import)");
        var lines = csv.Split('\n');
        if (lines.Length > MaxImportLines)
            return Failure.Invalid("csv", $"一次最多导入 {MaxImportLines} 行 (at most {MaxImportLines} lines per import)");
        var parsed = new Dictionary<DateOnly, (int Offered, int Answered)>();
        var errors = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || (i == 0 && !char.IsAsciiDigit(line[0])))
                continue;
            var cells = line.Split(',', '\t', ';');
            if (cells.Length != 3
                || !DateOnly.TryParseExact(cells[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                || !int.TryParse(cells[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var offered)
                || !int.TryParse(cells[2].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var answered))
            {
                errors.Add($"第{i + 1}行格式应为 yyyy-MM-dd,呼入,接听 (line {i + 1}: expected yyyy-MM-dd,offered,answered)");
                continue;
            }
            if (Check(day, offered, answered) is { } error)
                errors.Add($"第{i + 1}行 (line {i + 1}): {error}");
            else if (!parsed.TryAdd(day, (offered, answered)))
                errors.Add($"第{i + 1}行日期重复 (line {i + 1}: the day appears twice)");
        }
        if (errors.Count > 0)
            return Failure.Invalid("导入被拒绝，未写入任何数据 (import rejected; nothing was written)", new Dictionary<string, string[]> { ["csv"] = [.. errors.Take(20)] });
        if (parsed.Count == 0)
            return Failure.Invalid("csv", "没有可导入的行 (no lines to import)");
        var days = parsed.Keys.ToList();
        var existing = await db.CallCounts.Where(c => days.Contains(c.Day)).ToDictionaryAsync(c => c.Day, ct);
        var (added, updated) = (0, 0);
        foreach (var (day, counts) in parsed)
        {
            var row = existing.GetValueOrDefault(day);
            if (row is null) added++; else updated++;
            Apply(row, day, counts.Offered, counts.Answered, actor);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Failure.Conflict("导入期间他人修改了话务量，未写入任何数据，请重试 (the counts changed during the import; nothing was written)");
        }
        return new ImportResult(added, updated);
    }

    private CallCountDay Apply(CallCountDay? row, DateOnly day, int offered, int answered, Actor actor)
    {
        if (row is null)
        {
            row = new CallCountDay { Day = day, Version = 1 };
            db.CallCounts.Add(row);
        }
        row.Offered = offered;
        row.Answered = answered;
        row.RecordedAtUtc = clock.GetUtcNow().UtcDateTime;
        row.RecordedBy = actor.Name.Length <= 100 ? actor.Name : actor.Name[..100];
        return row;
    }

    private string? Check(DateOnly day, int offered, int answered)
    {
        if (offered is < 0 or > MaxCallsPerDay || answered is < 0 or > MaxCallsPerDay)
            return $"话务量须在0到{MaxCallsPerDay}之间 (counts must be 0 to {MaxCallsPerDay})";
        if (answered > offered)
            return "接听量不能大于呼入量 (answered cannot exceed offered)";
        if (day > ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime))
            return "不能登记未来日期 (the day is in the future)";
        if (day.Year < 2000)
            return "日期无效 (invalid day)";
        return null;
    }

    private async Task<Actor?> CentreActor(Caller caller, CancellationToken ct) =>
        await directory.ActorFor(caller, ct) is { } actor && TicketScope.IsCentre(actor) ? actor : null;
}
