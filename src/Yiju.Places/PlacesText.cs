using System.Globalization;
using Yiju.Kernel.Calendar;

namespace Yiju.Places;

/// <summary>Marker for the places pages' strings: PlacesText.resx is Simplified Chinese (the default), PlacesText.en.resx English.</summary>
public sealed class PlacesText;

/// <summary>How the places pages print times and numbers: times in Shanghai civil time, numbers culture-invariant.</summary>
public static class PlacesFormat
{
    public static string Time(DateTime utc) => ChinaTime.ToShanghai(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Time(DateTime? utc) => utc is { } t ? Time(t) : "—";
}
