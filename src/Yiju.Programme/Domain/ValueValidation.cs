using System.Globalization;

namespace Yiju.Programme.Domain;

/// <summary>Settings an administrator can change; the defaults are what the programme office asked for.</summary>
/// <param name="ChangeFactorNeedingExplanation">
/// A value more than this many times the previous period's (or less than its reciprocal) must carry an explanation.
/// </param>
/// <param name="RateTolerance">How far (in percentage points) a rate may differ from numerator ÷ denominator × 100, for rounding.</param>
public sealed record ValidationSettings(double ChangeFactorNeedingExplanation = 2.0, double RateTolerance = 0.05)
{
    public static ValidationSettings Default { get; } = new();
}

public sealed record ValidationError(string Code, string Message);

/// <summary>The figures one submission carries, plus the previous period's approved value for the change check.</summary>
public sealed record ValueInput(double Value, double? Numerator, double? Denominator, double? PreviousValue, string? Explanation);

public static class ValueValidation
{
    public const string NotFinite = "not_finite";
    public const string RateOutOfRange = "rate_out_of_range";
    public const string NumeratorAboveDenominator = "numerator_above_denominator";
    public const string NegativeCount = "negative_count";
    public const string NegativeParts = "negative_parts";
    public const string ZeroDenominator = "zero_denominator";
    public const string PartsRequired = "parts_required";
    public const string PartsMismatch = "parts_mismatch";
    public const string ExplanationRequired = "explanation_required";

    public static IReadOnlyList<ValidationError> Validate(Indicator indicator, ValueInput input, ValidationSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(input);
        settings ??= ValidationSettings.Default;
        var errors = new List<ValidationError>();

        if (!double.IsFinite(input.Value)
            || input.Numerator is { } n0 && !double.IsFinite(n0)
            || input.Denominator is { } d0 && !double.IsFinite(d0))
        {
            errors.Add(new(NotFinite, "数值必须是有限的数字。"));
            return errors;
        }

        switch (indicator.Kind)
        {
            case IndicatorKind.Rate:
                ValidateRate(indicator, input, settings, errors);
                break;
            case IndicatorKind.Count:
                if (input.Value < 0)
                {
                    errors.Add(new(NegativeCount, "计数类指标不能为负数。"));
                }

                break;
            case IndicatorKind.Amount:
            case IndicatorKind.Level:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(indicator), indicator.Kind, "Unknown indicator kind.");
        }

        if (NeedsExplanation(input.Value, input.PreviousValue, settings.ChangeFactorNeedingExplanation)
            && string.IsNullOrWhiteSpace(input.Explanation))
        {
            errors.Add(new(ExplanationRequired, string.Format(
                CultureInfo.InvariantCulture,
                "与上期数值 {0} 相比变化超过 {1} 倍，请填写说明。",
                input.PreviousValue, settings.ChangeFactorNeedingExplanation)));
        }

        return errors;
    }

    /// <summary>
    /// True when <paramref name="value"/> is more than <paramref name="factor"/> times <paramref name="previous"/>
    /// or less than 1/factor of it. A change of sign, or from zero to non-zero, always counts.
    /// </summary>
    public static bool NeedsExplanation(double value, double? previous, double factor)
    {
        if (previous is not { } p || factor <= 1)
        {
            return false;
        }

        if (p == 0)
        {
            return value != 0;
        }

        var ratio = value / p;
        return ratio <= 0 || ratio > factor || ratio < 1 / factor;
    }

    private static void ValidateRate(Indicator indicator, ValueInput input, ValidationSettings settings, List<ValidationError> errors)
    {
        if (input.Value is < 0 or > 100)
        {
            errors.Add(new(RateOutOfRange, "比率必须在0到100之间。"));
        }

        if (input.Numerator is null != input.Denominator is null)
        {
            errors.Add(new(PartsRequired, "分子和分母须同时填写。"));
            return;
        }

        if (input.Numerator is not { } n || input.Denominator is not { } d)
        {
            // Without the parts the city figure cannot be rolled up from districts.
            if (indicator.Rollup == DistrictRollup.NumeratorDenominator && indicator.HasDistrictBreakdown)
            {
                errors.Add(new(PartsRequired, "该比率按分子/分母汇总，须填写分子和分母。"));
            }

            return;
        }

        if (n < 0 || d < 0)
        {
            errors.Add(new(NegativeParts, "分子和分母不能为负数。"));
        }

        if (d == 0)
        {
            errors.Add(new(ZeroDenominator, "分母不能为0。"));
            return;
        }

        if (n > d)
        {
            errors.Add(new(NumeratorAboveDenominator, "分子不能大于分母。"));
        }

        if (Math.Abs((n / d * 100) - input.Value) > settings.RateTolerance)
        {
            errors.Add(new(PartsMismatch, string.Format(
                CultureInfo.InvariantCulture, "比率 {0} 与分子/分母计算结果 {1:0.##} 不一致。", input.Value, n / d * 100)));
        }
    }
}
