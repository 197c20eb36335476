using System.Globalization;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Indicators;

namespace Yiju.Programme.Domain;

/// <summary>
/// A published, versioned set of evaluation weights. A new weighting is a new version, never an edit, so that past
/// rankings can always be reproduced with the weights they were computed with.
/// </summary>
public sealed class EvaluationScheme
{
    public long Id { get; set; }

    public string Code { get; set; } = "";

    public int VersionNumber { get; set; }

    public string Name { get; set; } = "";

    public DateTime PublishedAtUtc { get; set; }

    public double TargetCompletionWeight { get; set; }

    public double OnTimeReportingWeight { get; set; }

    public double DataQualityWeight { get; set; }

    /// <summary>
    /// Reports count towards on-time reporting from this date (their due date on or after it): before reporting moved
    /// into Yiju nobody could submit on time, so earlier periods are not held against anyone.
    /// </summary>
    public DateOnly ReportingFrom { get; set; }

    /// <summary>The grace period before any scheme is published.</summary>
    public const int DefaultGraceWorkingDays = 10;

    /// <summary>
    /// Working days after a period's end by which its report is due (see <see cref="ReportingSchedule"/>). The programme's
    /// only grace period: the overdue flags use the latest version's, so a flag and the on-time score always agree.
    /// </summary>
    public int GraceWorkingDays { get; set; } = DefaultGraceWorkingDays;

    /// <summary>Who published this version (a coordinator's user name, or "seed" for the platform default).</summary>
    public string PublishedBy { get; set; } = "";

    /// <summary>Optimistic concurrency token. A published version is never edited: a new weighting is a new row.</summary>
    public long Version { get; set; }

    public static EvaluationScheme Create(string code, int versionNumber, string name, DateTime publishedAtUtc,
        double targetCompletionWeight, double onTimeReportingWeight, double dataQualityWeight)
    {
        var scheme = new EvaluationScheme
        {
            Code = code,
            VersionNumber = versionNumber,
            Name = name,
            PublishedAtUtc = publishedAtUtc,
            TargetCompletionWeight = targetCompletionWeight,
            OnTimeReportingWeight = onTimeReportingWeight,
            DataQualityWeight = dataQualityWeight,
        };
        scheme.EnsureValid();
        return scheme;
    }

    /// <summary>Weights must be non-negative and add up to 1, so that a score stays on the 0–100 scale.</summary>
    public void EnsureValid()
    {
        double[] weights = [TargetCompletionWeight, OnTimeReportingWeight, DataQualityWeight];
        if (weights.Any(w => w < 0 || !double.IsFinite(w)) || Math.Abs(weights.Sum() - 1) > 1e-9)
        {
            throw new ProgrammeRuleException("评价权重须为非负数且合计为1。");
        }

        if (GraceWorkingDays is < 0 or > 60)
        {
            throw new ProgrammeRuleException("报送宽限期须为0至60个工作日。");
        }
    }

    /// <summary>The formula as shown beside a ranking.</summary>
    public string Formula => string.Format(
        CultureInfo.InvariantCulture,
        "得分 = {0}×目标完成度 + {1}×按时报送率 + {2}×数据质量（{3} 第{4}版）。目标完成度 = 各指标完成度（封顶100%）的平均值；按时报送率 = 按时首次报送数 ÷ 应报数（报送期限为报告期结束后{5}个工作日，{6}起计）；数据质量 = 1 − 被退回次数 ÷ 报送次数；三项均以百分制计。",
        TargetCompletionWeight, OnTimeReportingWeight, DataQualityWeight, Name, VersionNumber, GraceWorkingDays,
        ReportingFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>What a department or district did in one evaluation period.</summary>
/// <param name="Shares">Share of target reached for each assessable indicator the unit answers for.</param>
/// <param name="ReportsDue">Reports due in the period.</param>
/// <param name="ReportsOnTime">Of those, first submitted by the due date.</param>
/// <param name="Submissions">Times the unit submitted (a resubmission after a return counts again).</param>
/// <param name="Returns">Times a coordinator returned a submission.</param>
public sealed record EvaluationInput(
    string UnitCode, string UnitName, IReadOnlyList<double> Shares, int ReportsDue, int ReportsOnTime, int Submissions, int Returns);

public sealed record EvaluationScore(
    string UnitCode, string UnitName, PeriodKey Period, int Rank, double Score,
    double TargetCompletion, double OnTimeReporting, double DataQuality, string Calculation, string SchemeCode, int SchemeVersion);

/// <summary>
/// Department and district scores. Components are on a 0–100 scale:
/// target completion = mean over the unit's indicators of min(share of target, 1) × 100;
/// on-time reporting = reports first submitted by the due date ÷ reports due × 100 (100 when nothing was due);
/// data quality = (1 − returns ÷ submissions) × 100 (100 when nothing was submitted).
/// Score = Σ weight × component. Ranks are competition ranks (equal scores share a rank, 1-2-2-4), ties broken by name
/// only for display order.
/// </summary>
public static class Evaluation
{
    public static IReadOnlyList<EvaluationScore> Rank(EvaluationScheme scheme, PeriodKey period, IEnumerable<EvaluationInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(inputs);
        scheme.EnsureValid();
        var c = CultureInfo.InvariantCulture;
        var scored = inputs.Select(i =>
        {
            var completion = i.Shares.Count == 0 ? 0 : i.Shares.Average(s => Math.Clamp(s, 0, 1)) * 100;
            var onTime = i.ReportsDue == 0 ? 100 : 100.0 * i.ReportsOnTime / i.ReportsDue;
            var quality = i.Submissions == 0 ? 100 : 100 * (1 - ((double)i.Returns / i.Submissions));
            var score = Math.Round(
                (scheme.TargetCompletionWeight * completion) + (scheme.OnTimeReportingWeight * onTime) + (scheme.DataQualityWeight * quality), 2);
            var calculation = string.Format(c, "{0}×{1:0.##} + {2}×{3:0.##} + {4}×{5:0.##} = {6:0.##}",
                scheme.TargetCompletionWeight, completion, scheme.OnTimeReportingWeight, onTime, scheme.DataQualityWeight, quality, score);
            return (Input: i, completion, onTime, quality, score, calculation);
        })
        .OrderByDescending(x => x.score)
        .ThenBy(x => x.Input.UnitName, StringComparer.Ordinal)
        .ToList();

        var result = new List<EvaluationScore>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var rank = i > 0 && scored[i].score == scored[i - 1].score ? result[i - 1].Rank : i + 1;
            var x = scored[i];
            result.Add(new EvaluationScore(x.Input.UnitCode, x.Input.UnitName, period, rank, x.score,
                Math.Round(x.completion, 2), Math.Round(x.onTime, 2), Math.Round(x.quality, 2), x.calculation, scheme.Code, scheme.VersionNumber));
        }

        return result;
    }

    /// <summary>
    /// Target-completion inputs for a department: the share of target of every assessable indicator of the tasks it
    /// leads or supports, from an <see cref="Overview"/> at the evaluation date.
    /// </summary>
    public static IReadOnlyList<double> SharesFor(IEnumerable<HomeProgress> homes, string department) =>
        Overview.Tasks(homes)
            .Where(t => t.Task.IsLedBy(department))
            .SelectMany(t => t.Indicators)
            .Where(i => i.Status != ProgressStatus.NotAssessable && i.Assessment?.ShareOfTarget is not null)
            .Select(i => i.Assessment!.ShareOfTarget!.Value)
            .ToList();

    /// <summary>Counts, from a unit's reported values for the periods due, the reporting figures evaluation needs.</summary>
    public static (int Due, int OnTime, int Submissions, int Returns) CountReporting(
        IEnumerable<(long IndicatorId, PeriodKey Period, string? DistrictCode)> reportsDue, IEnumerable<ReportedValue> values,
        int graceWorkingDays, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(reportsDue);
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        var due = reportsDue.ToList();
        var onTime = due.Count(d => list.Any(v => v.IndicatorId == d.IndicatorId && v.Period == d.Period
            && string.Equals(v.DistrictCode, d.DistrictCode, StringComparison.Ordinal)
            && ReportingSchedule.WasOnTime(v, graceWorkingDays, calendar)));
        var submissions = list.Sum(v => v.History.Count(h => h.ToStatus == ValueStatus.Submitted));
        var returns = list.Sum(v => v.TimesReturned);
        return (due.Count, onTime, submissions, returns);
    }
}
