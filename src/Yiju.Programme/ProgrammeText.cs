using System.Globalization;

namespace Yiju.Programme;

/// <summary>Marker for the programme pages' strings: ProgrammeText.resx is Simplified Chinese (the default), ProgrammeText.en.resx English.</summary>
public sealed class ProgrammeText;

/// <summary>How the pages write numbers and dates: the same in both languages, so a figure reads as its source states it.</summary>
public static class ProgrammeFormat
{
    public static string Number(double? value) => value is { } v ? v.ToString("#,0.####", CultureInfo.InvariantCulture) : "—";

    public static string Percent(double? share) => share is { } s ? s.ToString("0.0%", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    /// <summary>Beijing time; China has kept UTC+8 without daylight saving since 1991.</summary>
    public static string Time(DateTime? utc) => utc is { } t
        ? t.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : "—";

    /// <summary>Numbers typed into forms use the invariant format ("1234.5"), whatever the page's language.</summary>
    public static string Input(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
