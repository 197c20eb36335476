using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;

namespace Yiju.Web.Infrastructure;

/// <summary>
/// The hotline's view of the organisation. Lives in the host because modules do not read each other's tables:
/// it turns a person's role grants into a hotline actor (a department id, or the unit id at the end of the grant's
/// unit path) and lists departments, districts and streets as receiving units.
/// </summary>
public sealed class HotlineDirectory(IOrganisationDb db) : IHotlineDirectory
{
    public async Task<Actor?> ActorFor(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        foreach (var grant in caller.Grants)
        {
            if (KernelInterop.ToHotlineRole(grant.Role) is not { } role)
                continue;
            long? unitId = role switch
            {
                HotlineRole.DepartmentStaff => grant.DepartmentId,
                HotlineRole.DistrictStaff or HotlineRole.StreetStaff => await UnitIdOf(grant.UnitPath, ct),
                _ => null,
            };
            if (role is HotlineRole.DepartmentStaff or HotlineRole.DistrictStaff or HotlineRole.StreetStaff && unitId is null)
                continue;
            var bureau = role == HotlineRole.DepartmentStaff
                && await db.Departments.AsNoTracking().AnyAsync(d => d.Id == unitId && d.Code == PetitionBureau.DepartmentCode, ct);
            return new Actor(caller.PersonId, caller.Name, role, unitId, bureau);
        }
        return null;
    }

    public async Task<IReadOnlyList<HotlineUnit>> Units(UnitKind kind, CancellationToken ct) => kind switch
    {
        UnitKind.Department => await db.Departments.AsNoTracking().Where(d => d.Active).OrderBy(d => d.Id)
            .Select(d => new HotlineUnit(d.Id, UnitKind.Department, d.Code, d.Name, null)).ToListAsync(ct),
        UnitKind.District => await db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.District).OrderBy(u => u.Code)
            .Select(u => new HotlineUnit(u.Id, UnitKind.District, u.Code, u.Name, u.Id)).ToListAsync(ct),
        UnitKind.Street => await db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.Street).OrderBy(u => u.Code)
            .Select(u => new HotlineUnit(u.Id, UnitKind.Street, u.Code, u.Name, u.ParentId)).ToListAsync(ct),
        UnitKind.Centre => [],
    };

    public async Task<HotlineUnit?> Find(UnitKind kind, long id, CancellationToken ct) => kind switch
    {
        UnitKind.Department => await db.Departments.AsNoTracking().Where(d => d.Id == id && d.Active)
            .Select(d => new HotlineUnit(d.Id, UnitKind.Department, d.Code, d.Name, null)).FirstOrDefaultAsync(ct),
        UnitKind.District => await db.Units.AsNoTracking().Where(u => u.Id == id && u.Level == UnitLevel.District)
            .Select(u => new HotlineUnit(u.Id, UnitKind.District, u.Code, u.Name, u.Id)).FirstOrDefaultAsync(ct),
        UnitKind.Street => await db.Units.AsNoTracking().Where(u => u.Id == id && u.Level == UnitLevel.Street)
            .Select(u => new HotlineUnit(u.Id, UnitKind.Street, u.Code, u.Name, u.ParentId)).FirstOrDefaultAsync(ct),
        UnitKind.Centre => null,
    };

    private async Task<long?> UnitIdOf(string? path, CancellationToken ct)
    {
        var code = path?.TrimEnd('/').Split('/').LastOrDefault();
        if (string.IsNullOrEmpty(code))
            return null;
        return await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
    }
}
