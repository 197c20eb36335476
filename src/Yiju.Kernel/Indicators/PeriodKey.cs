using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Yiju.Kernel.Indicators;

/// <summary>How long a reporting period is. Also an indicator's reporting frequency.</summary>
public enum PeriodType
{
    Year = 0,
    Quarter = 1,
    Month = 2,
}

/// <summary>
/// A calendar reporting period: a year ("2024"), a quarter ("2024Q3") or a month ("2024-07").
/// Dates are civil dates (Asia/Shanghai), so no time zone is involved.
/// Ordering is by start date; when two periods start on the same day the longer one comes first
/// (2024, 2024Q1, 2024-01), so a year sorts before its own parts.
/// The text form is the storage form: within one period type it sorts chronologically as a string.
/// </summary>
public readonly record struct PeriodKey : IComparable<PeriodKey>, IParsable<PeriodKey>
{
    private PeriodKey(PeriodType type, int year, int number)
    {
        Type = type;
        Year = year;
        Number = number;
    }

    public PeriodType Type { get; }

    public int Year { get; }

    /// <summary>1 for a year, 1–4 for a quarter, 1–12 for a month.</summary>
    public int Number { get; }

    public static PeriodKey ForYear(int year)
    {
        CheckYear(year);
        return new PeriodKey(PeriodType.Year, year, 1);
    }

    public static PeriodKey ForQuarter(int year, int quarter)
    {
        CheckYear(year);
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        return new PeriodKey(PeriodType.Quarter, year, quarter);
    }

    public static PeriodKey ForMonth(int year, int month)
    {
        CheckYear(year);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return new PeriodKey(PeriodType.Month, year, month);
    }

    /// <summary>The period of the given type that contains <paramref name="date"/>.</summary>
    public static PeriodKey Containing(DateOnly date, PeriodType type) => type switch
    {
        PeriodType.Year => ForYear(date.Year),
        PeriodType.Quarter => ForQuarter(date.Year, ((date.Month - 1) / 3) + 1),
        PeriodType.Month => ForMonth(date.Year, date.Month),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>First day of the period.</summary>
    public DateOnly Start => Type switch
    {
        PeriodType.Year => new DateOnly(Year, 1, 1),
        PeriodType.Quarter => new DateOnly(Year, ((Number - 1) * 3) + 1, 1),
        PeriodType.Month => new DateOnly(Year, Number, 1),
        _ => throw new InvalidOperationException("Unknown period type."),
    };

    /// <summary>Last day of the period (inclusive).</summary>
    public DateOnly End => Type switch
    {
        PeriodType.Year => new DateOnly(Year, 12, 31),
        PeriodType.Quarter => new DateOnly(Year, Number * 3, DateTime.DaysInMonth(Year, Number * 3)),
        PeriodType.Month => new DateOnly(Year, Number, DateTime.DaysInMonth(Year, Number)),
        _ => throw new InvalidOperationException("Unknown period type."),
    };

    public int LengthInDays => End.DayNumber - Start.DayNumber + 1;

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public bool Contains(PeriodKey other) => other.Start >= Start && other.End <= End;

    public PeriodKey Next() => Type switch
    {
        PeriodType.Year => ForYear(Year + 1),
        PeriodType.Quarter => Number == 4 ? ForQuarter(Year + 1, 1) : ForQuarter(Year, Number + 1),
        PeriodType.Month => Number == 12 ? ForMonth(Year + 1, 1) : ForMonth(Year, Number + 1),
        _ => throw new InvalidOperationException("Unknown period type."),
    };

    public PeriodKey Previous() => Type switch
    {
        PeriodType.Year => ForYear(Year - 1),
        PeriodType.Quarter => Number == 1 ? ForQuarter(Year - 1, 4) : ForQuarter(Year, Number - 1),
        PeriodType.Month => Number == 1 ? ForMonth(Year - 1, 12) : ForMonth(Year, Number - 1),
        _ => throw new InvalidOperationException("Unknown period type."),
    };

    public int CompareTo(PeriodKey other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : other.End.CompareTo(End);
    }

    public static bool operator <(PeriodKey left, PeriodKey right) => left.CompareTo(right) < 0;

    public static bool operator >(PeriodKey left, PeriodKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(PeriodKey left, PeriodKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PeriodKey left, PeriodKey right) => left.CompareTo(right) >= 0;

    public override string ToString() => Type switch
    {
        PeriodType.Year => Year.ToString("D4", CultureInfo.InvariantCulture),
        PeriodType.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}Q{Number}"),
        PeriodType.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
        _ => throw new InvalidOperationException("Unknown period type."),
    };

    // The text form never depends on culture, so the IParsable members that take a provider are explicit:
    // callers use the provider-free overloads and culture analyzers stay quiet.
    public static PeriodKey Parse(string s) =>
        TryParse(s, out var result)
            ? result
            : throw new FormatException($"'{s}' is not a period; expected \"2024\", \"2024Q3\" or \"2024-07\".");

    static PeriodKey IParsable<PeriodKey>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<PeriodKey>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PeriodKey result) =>
        TryParse(s, out result);

    public static bool TryParse([NotNullWhen(true)] string? s, out PeriodKey result)
    {
        result = default;
        if (s is null)
        {
            return false;
        }

        var text = s.AsSpan().Trim();
        if (text.Length < 4 || !TryYear(text[..4], out var year))
        {
            return false;
        }

        if (text.Length == 4)
        {
            result = new PeriodKey(PeriodType.Year, year, 1);
            return true;
        }

        if (text.Length == 6 && (text[4] == 'Q' || text[4] == 'q') && text[5] is >= '1' and <= '4')
        {
            result = new PeriodKey(PeriodType.Quarter, year, text[5] - '0');
            return true;
        }

        if (text.Length == 7 && text[4] == '-'
            && int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && month is >= 1 and <= 12)
        {
            result = new PeriodKey(PeriodType.Month, year, month);
            return true;
        }

        return false;
    }

    private static bool TryYear(ReadOnlySpan<char> digits, out int year) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 1 and <= 9999;

    private static void CheckYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
    }
}
