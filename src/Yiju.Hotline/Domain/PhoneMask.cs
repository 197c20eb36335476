namespace Yiju.Hotline.Domain;

/// <summary>Masks phone numbers for lists and exports seen by roles that need not call the citizen.</summary>
public static class PhoneMask
{
    /// <summary>13812345678 → 138****5678; landlines keep their last four digits; short or empty input is fully masked.</summary>
    public static string Mask(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return string.Empty;
        }

        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return digits.Length switch
        {
            11 when digits[0] == '1' => string.Concat(digits.AsSpan(0, 3), "****", digits.AsSpan(7)),
            >= 7 => string.Concat(new string('*', digits.Length - 4), digits.AsSpan(digits.Length - 4)),
            _ => new string('*', Math.Max(digits.Length, 4)),
        };
    }

    /// <summary>Roles that call citizens back or handle the request see the number in full.</summary>
    public static bool MaySeeFullNumber(HotlineRole role) => role switch
    {
        HotlineRole.HotlineOperator or HotlineRole.CallbackOperator or HotlineRole.CentreSupervisor
            or HotlineRole.DepartmentStaff or HotlineRole.DistrictStaff or HotlineRole.StreetStaff => true,
        HotlineRole.CityAdmin or HotlineRole.Resident => false,
        _ => false,
    };
}
