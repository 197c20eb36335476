using System.Linq.Expressions;
using Yiju.Hotline.Domain;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Access;

/// <summary>A receiving unit as the hotline sees it: a department (Organisation's department id) or a district or street (unit id).</summary>
public sealed record HotlineUnit(long Id, UnitKind Kind, string Code, string Name, long? DistrictId);

/// <summary>
/// What the hotline needs from the organisation, implemented by the web host (which may read Organisation):
/// who a caller is in hotline terms, and the units a ticket can be sent to. The module never reads org_ tables itself.
/// </summary>
public interface IHotlineDirectory
{
    /// <summary>The hotline actor for a signed-in caller, or null when none of their grants has a part in the workflow.</summary>
    Task<Actor?> ActorFor(Caller caller, CancellationToken ct);

    Task<IReadOnlyList<HotlineUnit>> Units(UnitKind kind, CancellationToken ct);

    Task<HotlineUnit?> Find(UnitKind kind, long id, CancellationToken ct);
}

/// <summary>
/// Read scope: the centre sees every ticket; a unit sees the tickets it holds; a district also sees those in its territory;
/// the petition bureau also sees every petition, wherever it is being handled.
/// </summary>
public static class TicketScope
{
    public static bool IsCentre(Actor actor) => actor.Role is HotlineRole.HotlineOperator or HotlineRole.CallbackOperator
        or HotlineRole.CentreSupervisor or HotlineRole.CityAdmin;

    public static Expression<Func<Ticket, bool>> VisibleTo(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var unitId = actor.UnitId ?? -1;
        return actor.Role switch
        {
            HotlineRole.HotlineOperator or HotlineRole.CallbackOperator or HotlineRole.CentreSupervisor or HotlineRole.CityAdmin => t => true,
            HotlineRole.DepartmentStaff when actor.PetitionBureau => t => t.Type == TicketType.Petition
                || (t.CurrentUnitKind == UnitKind.Department && t.CurrentUnitId == unitId),
            HotlineRole.DepartmentStaff => t => t.CurrentUnitKind == UnitKind.Department && t.CurrentUnitId == unitId,
            HotlineRole.DistrictStaff => t => (t.CurrentUnitKind == UnitKind.District && t.CurrentUnitId == unitId) || t.DistrictId == unitId,
            HotlineRole.StreetStaff => t => t.CurrentUnitKind == UnitKind.Street && t.CurrentUnitId == unitId,
            HotlineRole.Resident => t => false,
            _ => t => false,
        };
    }

    /// <summary>The same rule as <see cref="VisibleTo"/> for one loaded ticket.</summary>
    public static bool CanSee(Ticket ticket, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role switch
        {
            HotlineRole.HotlineOperator or HotlineRole.CallbackOperator or HotlineRole.CentreSupervisor or HotlineRole.CityAdmin => true,
            HotlineRole.DepartmentStaff => (actor.PetitionBureau && ticket.Type == TicketType.Petition)
                || (ticket.CurrentUnitKind == UnitKind.Department && ticket.CurrentUnitId == actor.UnitId),
            HotlineRole.DistrictStaff => (ticket.CurrentUnitKind == UnitKind.District && ticket.CurrentUnitId == actor.UnitId)
                || (actor.UnitId is not null && ticket.DistrictId == actor.UnitId),
            HotlineRole.StreetStaff => ticket.CurrentUnitKind == UnitKind.Street && ticket.CurrentUnitId == actor.UnitId,
            HotlineRole.Resident => false,
            _ => false,
        };
    }
}
