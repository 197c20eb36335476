using Yiju.Kernel.Indicators;

namespace Yiju.Programme.Domain;

/// <summary>A change the domain refuses: the message is shown to the user as it is.</summary>
public sealed class ProgrammeRuleException(string message) : InvalidOperationException(message);

/// <summary>
/// 完成值: a value reported for indicator × period × district (null district = the city).
/// Lifecycle: Draft → Submitted → Approved, or Submitted → Returned (with a reason) → edited → Submitted.
/// An approved value is never edited: <see cref="Revise"/> creates the next revision, which goes through
/// review itself and, once approved, supersedes this one. Every transition is kept in <see cref="History"/>.
/// </summary>
public sealed class ReportedValue
{
    private ReportedValue()
    {
    }

    public Guid Id { get; private set; }

    public long IndicatorId { get; private set; }

    /// <summary>Stored as its text form ("2024Q3"); see <see cref="PeriodKey"/>.</summary>
    public PeriodKey Period { get; private set; }

    public string? DistrictCode { get; private set; }

    public double Value { get; private set; }

    public double? Numerator { get; private set; }

    public double? Denominator { get; private set; }

    public ValueStatus Status { get; private set; }

    /// <summary>1 for the first report; each revision of an approved value adds one.</summary>
    public int Revision { get; private set; }

    /// <summary>The approved value this revision will replace.</summary>
    public Guid? PreviousRevisionId { get; private set; }

    /// <summary>False once a later revision has been approved.</summary>
    public bool IsCurrent { get; private set; }

    /// <summary>Why the value changed sharply from the previous period, or why it was revised.</summary>
    public string? Explanation { get; private set; }

    public string? ReturnReason { get; private set; }

    /// <summary>
    /// The last day the figure covers when that is earlier than the period's end (e.g. "截至10月末" for a
    /// yearly indicator). Progress is compared with 序时进度 at this date, not at the period's end.
    /// </summary>
    public DateOnly? ObservedThrough { get; private set; }

    /// <summary>The period as the source words it when that is not a plain period ("2023-01..2023-10").</summary>
    public string? PeriodLabel { get; private set; }

    public SourceReference Source { get; private set; } = new("", "");

    /// <summary>Shown beside the value when it does not measure quite what the target measures.</summary>
    public string? ComparabilityNote { get; private set; }

    public string EnteredBy { get; private set; } = "";

    public DateTime EnteredAtUtc { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }

    /// <summary>When the first submission for this indicator × period × district was made; on-time reporting is judged by it.</summary>
    public DateTime? FirstSubmittedAtUtc { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTime? ReviewedAtUtc { get; private set; }

    public List<ValueHistoryEntry> History { get; private set; } = [];

    /// <summary>The bulk import (<see cref="ValueImport"/>) this value came from, when it came from one.</summary>
    public Guid? ImportId { get; private set; }

    /// <summary>App-managed optimistic concurrency token: every change adds one.</summary>
    public long Version { get; private set; }

    public int TimesReturned => History.Count(h => h.ToStatus == ValueStatus.Returned);

    public static ReportedValue CreateDraft(
        long indicatorId, PeriodKey period, string? districtCode, double value, double? numerator, double? denominator,
        SourceReference source, string enteredBy, DateTime atUtc, string? explanation = null)
    {
        var v = new ReportedValue
        {
            Id = Guid.NewGuid(),
            IndicatorId = indicatorId,
            Period = period,
            DistrictCode = districtCode,
            Value = value,
            Numerator = numerator,
            Denominator = denominator,
            Source = source,
            Explanation = explanation,
            Status = ValueStatus.Draft,
            Revision = 1,
            IsCurrent = true,
            EnteredBy = Required(enteredBy, nameof(enteredBy)),
            EnteredAtUtc = Utc(atUtc),
        };
        v.Record(null, ValueStatus.Draft, enteredBy, atUtc, "填报");
        return v;
    }

    /// <summary>
    /// A current approved value as the progress read model loads it from the database: only the columns progress reads
    /// (indicator, period, district, value, observed-through), without source or history. For assessing, never for saving.
    /// </summary>
    public static ReportedValue ForProgress(long indicatorId, PeriodKey period, string? districtCode, double value, DateOnly? observedThrough) =>
        new()
        {
            IndicatorId = indicatorId,
            Period = period,
            DistrictCode = districtCode,
            Value = value,
            ObservedThrough = observedThrough,
            Status = ValueStatus.Approved,
            Revision = 1,
            IsCurrent = true,
        };

    /// <summary>
    /// A figure already published by an authority (a government report, a press conference), taken in as
    /// approved because nobody in Yiju can review it: the source quote is its evidence.
    /// </summary>
    public static ReportedValue Published(
        long indicatorId, PeriodKey period, string? districtCode, double value, SourceReference source,
        DateTime atUtc, DateOnly? observedThrough = null, string? periodLabel = null, string? comparabilityNote = null, Guid? id = null)
    {
        var v = new ReportedValue
        {
            Id = id ?? Guid.NewGuid(),
            IndicatorId = indicatorId,
            Period = period,
            DistrictCode = districtCode,
            Value = value,
            Source = source,
            Status = ValueStatus.Approved,
            Revision = 1,
            IsCurrent = true,
            ObservedThrough = observedThrough,
            PeriodLabel = periodLabel,
            ComparabilityNote = comparabilityNote,
            EnteredBy = source.Document,
            EnteredAtUtc = Utc(atUtc),
            ReviewedBy = source.Document,
            ReviewedAtUtc = Utc(atUtc),
        };
        v.Record(null, ValueStatus.Approved, source.Document, atUtc, "导入已公开发布的数据");
        return v;
    }

    /// <summary>Records that the value was entered or last changed by bulk import <paramref name="importId"/>.</summary>
    public void MarkImported(Guid importId) => ImportId = importId;

    public void Edit(double value, double? numerator, double? denominator, string? explanation, string by, DateTime atUtc)
    {
        if (Status is not (ValueStatus.Draft or ValueStatus.Returned))
        {
            throw new ProgrammeRuleException(Status == ValueStatus.Approved
                ? "已审核通过的数值不能直接修改，请提交修订。"
                : "已报送待审核的数值不能修改。");
        }

        Value = value;
        Numerator = numerator;
        Denominator = denominator;
        Explanation = explanation;
        var from = Status;
        Status = ValueStatus.Draft;
        Record(from, ValueStatus.Draft, by, atUtc, "修改");
    }

    public void Submit(string by, DateTime atUtc)
    {
        if (Status is not (ValueStatus.Draft or ValueStatus.Returned))
        {
            throw new ProgrammeRuleException("只有草稿或被退回的数值可以报送。");
        }

        var from = Status;
        Status = ValueStatus.Submitted;
        SubmittedAtUtc = Utc(atUtc);
        FirstSubmittedAtUtc ??= SubmittedAtUtc;
        Record(from, ValueStatus.Submitted, by, atUtc, null);
    }

    /// <summary>
    /// Approves the value. For a revision, <paramref name="previousRevision"/> must be the value it replaces,
    /// which stops being current.
    /// </summary>
    public void Approve(string reviewer, DateTime atUtc, ReportedValue? previousRevision = null)
    {
        if (Status != ValueStatus.Submitted)
        {
            throw new ProgrammeRuleException("只有已报送的数值可以审核通过。");
        }

        if (PreviousRevisionId is { } previousId)
        {
            if (previousRevision is null || previousRevision.Id != previousId)
            {
                throw new ProgrammeRuleException("审核修订时必须同时提供被修订的原数值。");
            }

            previousRevision.IsCurrent = false;
            IsCurrent = true;
            previousRevision.Record(ValueStatus.Approved, ValueStatus.Approved, reviewer, atUtc, $"被第{Revision}次修订取代");
        }

        Status = ValueStatus.Approved;
        ReviewedBy = reviewer;
        ReviewedAtUtc = Utc(atUtc);
        ReturnReason = null;
        Record(ValueStatus.Submitted, ValueStatus.Approved, reviewer, atUtc, null);
    }

    public void Return(string reviewer, DateTime atUtc, string reason)
    {
        if (Status != ValueStatus.Submitted)
        {
            throw new ProgrammeRuleException("只有已报送的数值可以退回。");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ProgrammeRuleException("退回必须说明原因。");
        }

        Status = ValueStatus.Returned;
        ReturnReason = reason;
        ReviewedBy = reviewer;
        ReviewedAtUtc = Utc(atUtc);
        Record(ValueStatus.Submitted, ValueStatus.Returned, reviewer, atUtc, reason);
    }

    /// <summary>Starts the next revision of an approved, current value. This value stays in force until the revision is approved.</summary>
    public ReportedValue Revise(double value, double? numerator, double? denominator, string reason, string by, DateTime atUtc)
    {
        if (Status != ValueStatus.Approved || !IsCurrent)
        {
            throw new ProgrammeRuleException("只能修订当前有效的已审核数值。");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ProgrammeRuleException("修订必须说明原因。");
        }

        var next = CreateDraft(IndicatorId, Period, DistrictCode, value, numerator, denominator,
            new SourceReference(by, reason), by, atUtc, reason);
        next.Revision = Revision + 1;
        next.PreviousRevisionId = Id;
        next.IsCurrent = false;
        next.ObservedThrough = ObservedThrough;
        next.PeriodLabel = PeriodLabel;
        next.ComparabilityNote = ComparabilityNote;
        return next;
    }

    private void Record(ValueStatus? from, ValueStatus to, string by, DateTime atUtc, string? note)
    {
        History.Add(new ValueHistoryEntry
        {
            AtUtc = Utc(atUtc),
            By = by,
            FromStatus = from,
            ToStatus = to,
            Value = Value,
            Note = note,
        });
        Version++;
    }

    private static string Required(string text, string name) =>
        string.IsNullOrWhiteSpace(text) ? throw new ArgumentException("Required.", name) : text;

    private static DateTime Utc(DateTime at) =>
        at.Kind == DateTimeKind.Utc ? at : throw new ArgumentException("Times are stored in UTC.", nameof(at));
}

/// <summary>One step in a value's life, kept for audit and shown on the indicator page.</summary>
public sealed class ValueHistoryEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public string By { get; set; } = "";

    public ValueStatus? FromStatus { get; set; }

    public ValueStatus ToStatus { get; set; }

    /// <summary>The value as it stood after this step.</summary>
    public double Value { get; set; }

    public string? Note { get; set; }
}
