namespace Yiju.Kernel.Calendar;

/// <summary>
/// Conversions between stored UTC instants and Asia/Shanghai civil time, where deadlines and
/// working days are reckoned. China has had no daylight saving since 1991, but the zone database
/// is used rather than a fixed +8 so that historical instants convert correctly too.
/// </summary>
public static class ChinaTime
{
    public const string ZoneId = "Asia/Shanghai";

    public static TimeZoneInfo Zone { get; } = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            // China has kept UTC+8 without daylight saving since 1991; a host without tzdata still gets today right.
            return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }

    /// <summary>Shanghai civil time (Kind Unspecified) for a UTC instant.</summary>
    public static DateTime ToShanghai(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(RequireUtc(utc), Zone);

    /// <summary>The UTC instant of a Shanghai civil time; the input's Kind must not be Utc or Local.</summary>
    public static DateTime ToUtc(DateTime shanghaiCivil)
    {
        if (shanghaiCivil.Kind != DateTimeKind.Unspecified)
        {
            throw new ArgumentException("A Shanghai civil time must have DateTimeKind.Unspecified; a Utc or Local value would be silently reinterpreted.", nameof(shanghaiCivil));
        }

        return TimeZoneInfo.ConvertTimeToUtc(shanghaiCivil, Zone);
    }

    public static DateTimeOffset ToShanghaiOffset(DateTime utc)
    {
        var civil = ToShanghai(utc);
        return new DateTimeOffset(civil, Zone.GetUtcOffset(RequireUtc(utc)));
    }

    /// <summary>The Shanghai civil date on which a UTC instant falls.</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToShanghai(utc));

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The UTC instant at which a Shanghai civil date begins (00:00 Shanghai).</summary>
    public static DateTime StartOfDayUtc(DateOnly date) =>
        ToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified));

    /// <summary>The UTC instant at which a Shanghai civil date ends (exclusive: 00:00 of the next day).</summary>
    public static DateTime EndOfDayUtc(DateOnly date) => StartOfDayUtc(date.AddDays(1));

    private static DateTime RequireUtc(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Expected a UTC instant; a Local DateTime depends on the server's zone.", nameof(utc));
        }

        // Unspecified values come from databases that drop the kind; the convention is that stored instants are UTC.
        return DateTime.SpecifyKind(utc, DateTimeKind.Utc);
    }
}
