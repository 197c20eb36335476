using Yiju.Hotline.Domain;
using Yiju.Kernel.Geo;

namespace Yiju.UnitTests.Hotline;

/// <summary>Builds tickets and actors for tests; each call makes fresh ids, so tests share nothing.</summary>
internal static class Build
{
    public static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc); // Monday 09:00 Shanghai

    /// <summary>A fresh id, like the database would issue; random so that tests share no counter.</summary>
    public static long NewId() => Random.Shared.NextInt64(1, long.MaxValue);

    public static Actor Operator() => new(NewId(), "话务员 A", HotlineRole.HotlineOperator);
    public static Actor CallbackAgent() => new(NewId(), "回访员 B", HotlineRole.CallbackOperator);
    public static Actor Supervisor() => new(NewId(), "督办 C", HotlineRole.CentreSupervisor);
    public static Actor Staff(UnitRef unit) => new(NewId(), "承办人 " + unit.Name, unit.Kind switch
    {
        UnitKind.Department => HotlineRole.DepartmentStaff,
        UnitKind.District => HotlineRole.DistrictStaff,
        UnitKind.Street => HotlineRole.StreetStaff,
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    }, unit.Id);

    public static UnitRef Department(string name = "市住建局") => new(NewId(), UnitKind.Department, name);
    public static UnitRef Street(string name = "中央大街街道") => new(NewId(), UnitKind.Street, name);

    public static TicketDeadlines Deadlines(DateTime now) => new(now.AddHours(24), now.AddDays(7));

    public static Ticket Ticket(
        DateTime? at = null, string category = "heating.indoor-temperature", string text = "家里暖气不热，室温只有十二度",
        TicketType type = TicketType.Complaint, GeoPoint? location = null, long? streetId = null, string? caller = "张先生") =>
        global::Yiju.Hotline.Domain.Ticket.Accept(Guid.NewGuid(), "12345-20260302-000001",
            new TicketIntake(type, category, text, Channel.Phone, CallerName: caller, CallerPhone: "13812345678",
                Location: location, StreetId: streetId),
            Operator(), at ?? T0);

    /// <summary>A ticket dispatched to <paramref name="unit"/> and signed for.</summary>
    public static Ticket InHandling(UnitRef unit, DateTime? at = null)
    {
        var now = at ?? T0;
        var ticket = Ticket(now);
        Ok(ticket.Dispatch(Operator(), now.AddMinutes(5), unit, Deadlines(now)));
        Ok(ticket.SignFor(Staff(unit), now.AddMinutes(30)));
        return ticket;
    }

    public static TicketEvent Ok(TransitionResult result)
    {
        Assert.True(result.Succeeded, result.Reason);
        return result.Event!;
    }
}
