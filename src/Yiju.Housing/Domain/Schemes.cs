namespace Yiju.Housing.Domain;

/// <summary>The three forms of housing security the module runs.</summary>
public enum SchemeKind
{
    /// <summary>公租房: low- and middle-income households; flats allocated by lottery.</summary>
    PublicRental = 1,

    /// <summary>保障性租赁住房: new citizens, young people and talent; flats allocated by lottery.</summary>
    AffordableRental = 2,

    /// <summary>租赁补贴: a monthly cash subsidy instead of a flat.</summary>
    RentalSubsidy = 3,
}

public static class SchemeKinds
{
    public static string ChineseName(this SchemeKind kind) => kind switch
    {
        SchemeKind.PublicRental => "公共租赁住房",
        SchemeKind.AffordableRental => "保障性租赁住房",
        SchemeKind.RentalSubsidy => "租赁补贴",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Flat schemes go through the lottery; the subsidy scheme pays money instead.</summary>
    public static bool AllocatesFlats(this SchemeKind kind) => kind != SchemeKind.RentalSubsidy;
}

/// <summary>A reason a step refused something: a stable English code for programs, a Chinese text for people.</summary>
public sealed record Reason(string Code, string Text)
{
    public override string ToString() => $"{Code}: {Text}";
}

/// <summary>China has kept UTC+8 without daylight saving since 1991, so civil dates need no time-zone database.</summary>
public static class ChinaTime
{
    public static DateOnly Today(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Expected a UTC time.", nameof(utc));
        }
        return DateOnly.FromDateTime(utc.AddHours(8));
    }
}

/// <summary>Money is stored in 分 (fen); shown in 元 with two decimals.</summary>
public static class Fen
{
    public static string ToYuan(long fen)
    {
        var sign = fen < 0 ? "-" : "";
        var abs = Math.Abs(fen);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sign}{abs / 100}.{abs % 100:D2}");
    }
}
