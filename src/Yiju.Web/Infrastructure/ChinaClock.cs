using System.Globalization;

namespace Yiju.Web.Infrastructure;

/// <summary>Shows UTC instants as Beijing time (Asia/Shanghai), which is what every user of Yiju reads.</summary>
public static class ChinaClock
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTime ToShanghai(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Shanghai);

    public static string Format(DateTime? utc) =>
        utc is { } u ? ToShanghai(u).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";
}
