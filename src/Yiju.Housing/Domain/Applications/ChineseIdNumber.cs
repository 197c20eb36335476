using System.Globalization;

namespace Yiju.Housing.Domain.Applications;

/// <summary>Why an ID number was refused; the code is stable for APIs, the reason is shown to residents.</summary>
public enum IdNumberError
{
    None,
    Empty,
    WrongLength,
    NotDigits,
    UnknownRegion,
    InvalidBirthDate,
    BadCheckDigit,
}

/// <summary>
/// A resident identity number under GB 11643-1999: 6-digit region code, 8-digit birth date,
/// 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character (0-9 or X).
/// Only 18-character numbers are accepted: the 15-digit first-generation cards stopped being valid in 2013.
/// </summary>
public readonly record struct ChineseIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    // Province-level codes of GB/T 2260 plus 71/81/82 (Taiwan, Hong Kong, Macao residence permits use 83/81/82 too).
    private static readonly HashSet<int> ProvinceCodes =
    [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
    ];

    private ChineseIdNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    /// <summary>The normalised number: 18 characters, upper-case X.</summary>
    public string Value { get; }

    public DateOnly BirthDate { get; }

    public string RegionCode => Value[..6];

    public bool IsMale => (Value[16] - '0') % 2 == 1;

    /// <summary>Public display form: first 4 and last 4 characters, 10 asterisks between (2301**********1234).</summary>
    public string Masked => Mask(Value);

    public int AgeOn(DateOnly date)
    {
        var age = date.Year - BirthDate.Year;
        if (date < BirthDate.AddYears(age))
        {
            age--;
        }
        return age;
    }

    public override string ToString() => Masked;

    /// <param name="today">Birth dates after this day are refused.</param>
    public static bool TryParse(string? text, DateOnly today, out ChineseIdNumber id, out IdNumberError error)
    {
        id = default;
        error = Check(text, today, out var normalised, out var birth);
        if (error != IdNumberError.None)
        {
            return false;
        }
        id = new ChineseIdNumber(normalised!, birth);
        return true;
    }

    public static IdNumberError Check(string? text, DateOnly today, out string? normalised, out DateOnly birthDate)
    {
        normalised = null;
        birthDate = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return IdNumberError.Empty;
        }
        var s = text.Trim();
        if (s.Length != 18)
        {
            return IdNumberError.WrongLength;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return IdNumberError.NotDigits;
            }
        }
        var last = s[17] == 'x' ? 'X' : s[17];
        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            return IdNumberError.NotDigits;
        }
        s = string.Concat(s.AsSpan(0, 17), new ReadOnlySpan<char>(in last));

        var province = ((s[0] - '0') * 10) + (s[1] - '0');
        // A region code names a county-level unit: "xx0000" is a province and "xxyy00"-style city codes end in 00 too,
        // but some cities issue numbers under their 市辖区 code (e.g. 230101), so only the all-zero tail is refused.
        if (!ProvinceCodes.Contains(province) || s.AsSpan(2, 4).SequenceEqual("0000"))
        {
            return IdNumberError.UnknownRegion;
        }

        if (!DateOnly.TryParseExact(s.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900 || birth > today)
        {
            return IdNumberError.InvalidBirthDate;
        }

        if (ComputeCheckChar(s.AsSpan(0, 17)) != s[17])
        {
            return IdNumberError.BadCheckDigit;
        }

        normalised = s;
        birthDate = birth;
        return IdNumberError.None;
    }

    /// <summary>ISO 7064 MOD 11-2 over the first 17 digits.</summary>
    public static char ComputeCheckChar(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Exactly 17 digits are needed.", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckChars[sum % 11];
    }

    /// <summary>Masks any string of at least 9 characters as first 4 + asterisks + last 4; shorter input is fully masked.</summary>
    public static string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < 9)
        {
            return new string('*', value.Length);
        }
        return string.Concat(value.AsSpan(0, 4), new string('*', value.Length - 8), value.AsSpan(value.Length - 4));
    }

    public static string ReasonText(IdNumberError error) => error switch
    {
        IdNumberError.None => "",
        IdNumberError.Empty => "身份证号码不能为空",
        IdNumberError.WrongLength => "身份证号码应为18位",
        IdNumberError.NotDigits => "身份证号码前17位应为数字，最后一位为数字或X",
        IdNumberError.UnknownRegion => "身份证号码的地区码无效",
        IdNumberError.InvalidBirthDate => "身份证号码中的出生日期无效",
        IdNumberError.BadCheckDigit => "身份证号码校验位错误",
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };
}
