using System.Buffers.Binary;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Procedure;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Housing.Features;

/// <summary>Which department is the housing bureau (市住建局, code "zjj"). The host answers from the Organisation module.</summary>
public interface IHousingBureau
{
    Task<long?> DepartmentId(CancellationToken ct);
}

/// <summary>
/// Maps a caller's role grants onto the domain's actors: street staff review as their street, district staff as their
/// district, staff of the housing bureau and city administrators act for the bureau. Unit codes are read from the
/// grant's unit path ("/230100/230102/230102001/"), so no other module's tables are read.
/// </summary>
public sealed class HousingAccess(IHousingBureau bureau)
{
    public const string BureauDepartmentCode = "zjj";

    public async Task<IReadOnlyList<Actor>> ActorsOf(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.PersonId is not { } personId)
            return [];
        var user = PersonGuid(personId);
        var actors = new List<Actor>();
        long? bureauId = null;
        var bureauLooked = false;
        foreach (var g in caller.Grants)
        {
            switch (g.Role)
            {
                case Role.StreetStaff when Segments(g.UnitPath) is { Length: >= 3 } s:
                    actors.Add(new Actor(user, ActorRole.StreetReviewer, s[^1], s[^2]));
                    break;
                case Role.DistrictStaff when Segments(g.UnitPath) is { Length: >= 2 } s:
                    actors.Add(new Actor(user, ActorRole.DistrictReviewer, null, s[^1]));
                    break;
                case Role.CityAdmin:
                    actors.Add(new Actor(user, ActorRole.HousingBureau));
                    break;
                case Role.DepartmentStaff when g.DepartmentId is { } d:
                    if (!bureauLooked)
                    {
                        bureauId = await bureau.DepartmentId(ct);
                        bureauLooked = true;
                    }
                    if (bureauId == d)
                        actors.Add(new Actor(user, ActorRole.HousingBureau));
                    break;
                default:
                    break;
            }
        }
        return actors.DistinctBy(a => (a.Role, a.StreetCode, a.DistrictCode)).ToList();
    }

    public async Task<Actor?> Bureau(Caller caller, CancellationToken ct) =>
        (await ActorsOf(caller, ct)).FirstOrDefault(a => a.Role == ActorRole.HousingBureau);

    /// <summary>Whether any of the actors may see an application of this street and district.</summary>
    public static bool CanSee(IReadOnlyList<Actor> actors, string districtCode, string streetCode) =>
        actors.Any(a => a.Role switch
        {
            ActorRole.HousingBureau => true,
            ActorRole.DistrictReviewer => string.Equals(a.DistrictCode, districtCode, StringComparison.Ordinal),
            ActorRole.StreetReviewer => string.Equals(a.StreetCode, streetCode, StringComparison.Ordinal),
            ActorRole.Applicant => false,
            _ => false,
        });

    /// <summary>People have numeric ids in the Organisation module; the domain keys actors by Guid. The mapping is fixed so events stay attributable.</summary>
    public static Guid PersonGuid(long personId)
    {
        Span<byte> bytes = stackalloc byte[16];
        "yijuprsn"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], personId);
        return new Guid(bytes, bigEndian: true);
    }

    private static string[] Segments(string? path) =>
        path is null ? [] : path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A refused step as the HTTP-neutral failure: scope and role refusals are 403, a wrong state is a conflict, the rest are bad input.</summary>
    public static Failure ToFailure(Reason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.Code switch
        {
            ApplicationProcedure.WrongRoleCode or ApplicationProcedure.OutOfScopeCode => Failure.Forbidden(reason.Text),
            ApplicationProcedure.WrongStateCode => Failure.Conflict(reason.Text),
            _ => Failure.Invalid(reason.Code, reason.Text),
        };
    }
}
