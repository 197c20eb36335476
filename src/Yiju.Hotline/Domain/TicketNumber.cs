using System.Globalization;
using System.Text.RegularExpressions;

namespace Yiju.Hotline.Domain;

/// <summary>
/// Ticket numbers read aloud over the phone: <c>{prefix}-{yyyyMMdd}-{sequence:000000}</c>, e.g.
/// <c>12345-20261122-000123</c> for the 123rd hotline ticket accepted on 22 November 2026
/// (Asia/Shanghai date), and <c>XF-20261122-000007</c> for petitions (信访), which are counted apart.
/// The daily sequence is issued by the database; up to 999,999 a day per prefix.
/// </summary>
public static partial class TicketNumber
{
    public const string HotlinePrefix = "12345";
    public const string PetitionPrefix = "XF";

    public static string PrefixFor(TicketType type) => type == TicketType.Petition ? PetitionPrefix : HotlinePrefix;

    public static string Format(string prefix, DateOnly shanghaiDate, int sequence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999_999);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{shanghaiDate:yyyyMMdd}-{sequence:000000}");
    }

    public static bool TryParse(string? number, out string prefix, out DateOnly date, out int sequence)
    {
        prefix = string.Empty;
        date = default;
        sequence = 0;
        if (number is null)
        {
            return false;
        }

        var match = Pattern().Match(number.Trim());
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups["date"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            || !int.TryParse(match.Groups["seq"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            || sequence == 0)
        {
            return false;
        }

        prefix = match.Groups["prefix"].Value;
        return true;
    }

    [GeneratedRegex(@"^(?<prefix>[0-9A-Z]{2,8})-(?<date>\d{8})-(?<seq>\d{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
