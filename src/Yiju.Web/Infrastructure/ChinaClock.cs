using System.Globalization;
using Yiju.Kernel.Calendar;

namespace Yiju.Web.Infrastructure;

/// <summary>Shows stored UTC instants as Beijing time (Asia/Shanghai), which is what every user of Yiju reads.</summary>
public static class ChinaClock
{
    public static string Format(DateTime? utc) =>
        utc is { } u ? ChinaTime.ToShanghai(u).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";
}
