using System.Globalization;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;

namespace Yiju.Programme.Domain;

/// <summary>
/// One data row of an import file as text, before any checking. <see cref="RowNumber"/> is the row as the person sees
/// it in Excel or a text editor (the header is row 1, so the first figure is row 2).
/// </summary>
public sealed record ImportRow(
    int RowNumber, string? IndicatorCode, string? Period, string? DistrictCode, string? Value, string? Numerator, string? Denominator,
    string? Explanation, string? SourceNote)
{
    /// <summary>A row with no period and no figures is a blank line (or a template line left unfilled) and is skipped.</summary>
    public bool IsBlank =>
        string.IsNullOrWhiteSpace(Period) && string.IsNullOrWhiteSpace(Value)
        && string.IsNullOrWhiteSpace(Numerator) && string.IsNullOrWhiteSpace(Denominator);
}

/// <summary>Why one row cannot be imported; the whole file is refused when any row has one.</summary>
public sealed record ImportRowError(int RowNumber, string Column, string Message);

/// <summary>A row that passed every check: what will be written.</summary>
public sealed record ImportCandidate(
    int RowNumber, Indicator Indicator, ProgrammeTask Task, PeriodKey Period, string? DistrictCode, double Value, double? Numerator,
    double? Denominator, string? Explanation, string? SourceNote, ExistingValue? Replaces);

/// <summary>The latest revision already stored for an indicator × period × district.</summary>
public sealed record ExistingValue(Guid Id, ValueStatus Status, int Revision);

/// <summary>
/// What the import rules need to know, answered by the caller from the database: the indicators with their tasks,
/// who is importing, the districts, today and the previous period's approved values.
/// </summary>
public sealed class ImportContext
{
    public required IReadOnlyDictionary<string, (Indicator Indicator, ProgrammeTask Task)> Indicators { get; init; }

    public required int ProgrammeStartYear { get; init; }

    public required int ProgrammeEndYear { get; init; }

    public required DateOnly Today { get; init; }

    public required IReadOnlyList<RoleGrant> Grants { get; init; }

    public required IReadOnlyCollection<string> CallerDepartments { get; init; }

    public required IReadOnlyCollection<string> CallerDistricts { get; init; }

    public required IReadOnlyCollection<string> KnownDistricts { get; init; }

    /// <summary>Current approved value per (indicator id, period, district), for the change check.</summary>
    public required IReadOnlyDictionary<(long IndicatorId, PeriodKey Period, string? District), double> Approved { get; init; }

    /// <summary>Latest revision per (indicator id, period, district).</summary>
    public required IReadOnlyDictionary<(long IndicatorId, PeriodKey Period, string? District), ExistingValue> Existing { get; init; }

    public ValidationSettings Settings { get; init; } = ValidationSettings.Default;
}

/// <summary>
/// The checks of a bulk import, row by row: exactly those of entering one value (<see cref="ReportingRules"/> for who,
/// which period and which district, <see cref="ValueValidation"/> for the figures), plus what only a file can get
/// wrong: unreadable numbers, the same indicator × period × district twice, a value already submitted or approved.
/// Every row is checked, so that the person gets the full list of problems in one go.
/// </summary>
public static class ValueImportRules
{
    /// <summary>Longest file accepted (bytes): 100,000 rows of .xlsx are about 3 MB, of .csv about 5 MB.</summary>
    public const long MaxFileBytes = 32L * 1024 * 1024;

    public const int MaxRows = 200_000;

    /// <summary>As the value's explanation column (ProgrammeLimits.Note); the domain does not read the mapping.</summary>
    public const int NoteMaxLength = 2000;

    public static (IReadOnlyList<ImportCandidate> Candidates, IReadOnlyList<ImportRowError> Errors) Check(IEnumerable<ImportRow> rows, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(context);
        var candidates = new List<ImportCandidate>();
        var errors = new List<ImportRowError>();
        var seen = new Dictionary<(long, PeriodKey, string?), int>();
        foreach (var row in rows)
        {
            if (row.IsBlank)
                continue;
            var rowErrors = new List<ImportRowError>();
            var candidate = CheckRow(row, context, rowErrors);
            if (candidate is not null)
            {
                var key = (candidate.Indicator.Id, candidate.Period, candidate.DistrictCode);
                if (seen.TryGetValue(key, out var first))
                {
                    rowErrors.Add(new(row.RowNumber, Columns.Period, $"与第{first}行是同一指标、期间和区县 (same indicator, period and district as row {first})"));
                }
                else
                {
                    seen[key] = row.RowNumber;
                }
            }

            if (rowErrors.Count > 0)
                errors.AddRange(rowErrors);
            else if (candidate is not null)
                candidates.Add(candidate);
        }

        return (candidates, errors);
    }

    private static ImportCandidate? CheckRow(ImportRow row, ImportContext context, List<ImportRowError> errors)
    {
        void Add(string column, string message) => errors.Add(new(row.RowNumber, column, message));

        var code = ProgrammeCodes.Normalise(row.IndicatorCode);
        if (code.Length == 0)
        {
            Add(Columns.IndicatorCode, "缺少指标代码 (indicator code missing)");
            return null;
        }

        if (!context.Indicators.TryGetValue(code, out var found))
        {
            Add(Columns.IndicatorCode, $"指标 {code} 不存在 (unknown indicator)");
            return null;
        }

        var (indicator, task) = found;
        var district = string.IsNullOrWhiteSpace(row.DistrictCode) ? null : row.DistrictCode.Trim();
        if (!ReportingRules.CanReport(task, indicator, district, context.Grants, context.CallerDepartments, context.CallerDistricts))
        {
            Add(Columns.IndicatorCode, context.CallerDistricts.Count > 0 && indicator.HasDistrictBreakdown
                ? $"只能导入本区县的分区数值，不能导入{(district is null ? "全市" : district)}的数值 (district staff import only their own district)"
                : $"指标 {code} 由{task.LeadDepartment ?? "（未明确牵头单位）"}填报，您无权导入 (only the lead department may import this indicator)");
            return null;
        }

        PeriodKey period = default;
        var periodText = row.Period?.Trim();
        var periodOk = PeriodKey.TryParse(periodText, out period);
        if (!periodOk)
        {
            Add(Columns.Period, LooksLikeExcelDate(periodText)
                ? $"期间“{periodText}”像是被 Excel 转成了日期，请把期间列设为文本，写作 2024、2024Q3 或 2024-07 (Excel turned the period into a date; format the column as text)"
                : $"期间“{periodText}”格式应为 2024、2024Q3 或 2024-07 (period must look like 2024, 2024Q3 or 2024-07)");
        }
        else if (ReportingRules.CheckPeriod(indicator, period, context.ProgrammeStartYear, context.ProgrammeEndYear, context.Today) is { } periodError)
        {
            Add(Columns.Period, periodError);
            periodOk = false;
        }

        if (ReportingRules.CheckDistrict(indicator, district, context.KnownDistricts) is { } districtError)
            Add(Columns.DistrictCode, districtError);

        var numeratorOk = TryNumber(row.Numerator, out var numerator);
        var denominatorOk = TryNumber(row.Denominator, out var denominator);
        if (!numeratorOk)
            Add(Columns.Numerator, $"分子“{row.Numerator}”不是数字 (numerator is not a number)");
        if (!denominatorOk)
            Add(Columns.Denominator, $"分母“{row.Denominator}”不是数字 (denominator is not a number)");
        double value;
        if (!TryNumber(row.Value, out var parsed))
        {
            Add(Columns.Value, $"数值“{row.Value}”不是数字 (value is not a number)");
            return null;
        }
        else if (parsed is { } v)
        {
            value = v;
        }
        else if (indicator.Kind == IndicatorKind.Rate && numerator is { } n && denominator is { } d && d != 0)
        {
            // A rate may be given by its parts alone; its value is then exactly numerator ÷ denominator × 100.
            value = n / d * 100;
        }
        else
        {
            Add(Columns.Value, indicator.Kind == IndicatorKind.Rate
                ? "请填写数值，或同时填写分子和分母 (value, or numerator and denominator, required)"
                : "请填写数值 (value required)");
            return null;
        }

        var explanation = string.IsNullOrWhiteSpace(row.Explanation) ? null : row.Explanation.Trim();
        var sourceNote = string.IsNullOrWhiteSpace(row.SourceNote) ? null : row.SourceNote.Trim();
        if (explanation is { Length: > NoteMaxLength })
            Add(Columns.Explanation, $"说明不能超过 {NoteMaxLength} 字 (explanation too long)");
        if (sourceNote is { Length: > NoteMaxLength })
            Add(Columns.SourceNote, $"来源说明不能超过 {NoteMaxLength} 字 (source note too long)");
        if (!periodOk || !numeratorOk || !denominatorOk)
            return null;

        double? previous = context.Approved.TryGetValue((indicator.Id, period.Previous(), district), out var p) ? p : null;
        foreach (var e in ValueValidation.Validate(indicator, new ValueInput(value, numerator, denominator, previous, explanation), context.Settings))
            Add(ColumnOf(e.Code), e.Message);

        context.Existing.TryGetValue((indicator.Id, period, district), out var existing);
        if (existing?.Status == ValueStatus.Submitted)
            Add(Columns.Period, $"期间 {period} 的数值已报送，正在审核，不能导入 (already submitted and awaiting review)");
        else if (existing?.Status == ValueStatus.Approved)
            Add(Columns.Period, $"期间 {period} 的数值已审核通过，修订请在指标页面说明原因后提交 (already approved: revise it on the indicator page)");

        return new ImportCandidate(row.RowNumber, indicator, task, period, district, value, numerator, denominator, explanation, sourceNote, existing);
    }

    /// <summary>Numbers in the invariant form; thousands separators and surrounding spaces are tolerated, an empty cell is "none".</summary>
    public static bool TryNumber(string? text, out double? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (!double.TryParse(text.Trim(), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            return false;
        value = v;
        return true;
    }

    /// <summary>Excel turns "2024-07" typed into a general cell into a date serial (45474); a whole number that large is no period.</summary>
    private static bool LooksLikeExcelDate(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 10_000 && n < 200_000;

    private static string ColumnOf(string code) => code switch
    {
        ValueValidation.ExplanationRequired => Columns.Explanation,
        ValueValidation.PartsRequired or ValueValidation.PartsMismatch or ValueValidation.NegativeParts
            or ValueValidation.ZeroDenominator or ValueValidation.NumeratorAboveDenominator => Columns.Numerator,
        _ => Columns.Value,
    };

    /// <summary>
    /// The documented column layout: each column's key, its Chinese header (as in the template) and the English header
    /// also accepted. Headers are matched ignoring case and surrounding spaces; columns may come in any order.
    /// </summary>
    public static class Columns
    {
        public const string IndicatorCode = "indicator_code";
        public const string IndicatorName = "indicator_name";
        public const string Period = "period";
        public const string DistrictCode = "district_code";
        public const string Value = "value";
        public const string Numerator = "numerator";
        public const string Denominator = "denominator";
        public const string Explanation = "explanation";
        public const string SourceNote = "source_note";

        /// <summary>In template order. <see cref="IndicatorName"/> is for the reader and ignored on import.</summary>
        public static IReadOnlyList<(string Key, string Chinese, bool Required, string Meaning)> Layout { get; } =
        [
            (IndicatorCode, "指标代码", true, "如 H4.G1.T1.I2 (indicator code)"),
            (IndicatorName, "指标名称", false, "仅供阅读，导入时忽略 (for reading only)"),
            (Period, "期间", true, "年 2024、季度 2024Q3 或月 2024-07，须为文本 (year, quarter or month, as text)"),
            (DistrictCode, "区县代码", false, "如 230102；空白表示全市 (empty = the city)"),
            (Value, "数值", false, "率类指标可只填分子和分母 (a rate may give numerator and denominator instead)"),
            (Numerator, "分子", false, "率类指标 (rates)"),
            (Denominator, "分母", false, "率类指标 (rates)"),
            (Explanation, "说明", false, "与上期相比变化超过规定倍数时必填 (required for a sharp change)"),
            (SourceNote, "来源说明", false, "数据出处，如台账名称 (where the figure comes from)"),
        ];

        /// <summary>The column key for a header cell, or null when the header is not part of the layout.</summary>
        public static string? KeyOf(string? header)
        {
            var h = (header ?? "").Trim();
            foreach (var c in Layout)
            {
                if (string.Equals(h, c.Key, StringComparison.OrdinalIgnoreCase) || string.Equals(h, c.Chinese, StringComparison.Ordinal))
                    return c.Key;
            }

            return null;
        }
    }
}
