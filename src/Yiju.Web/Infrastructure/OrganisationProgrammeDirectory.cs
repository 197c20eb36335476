using Microsoft.EntityFrameworkCore;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;
using Yiju.Programme.Features;

namespace Yiju.Web.Infrastructure;

/// <summary>
/// Answers the programme's questions from the organisation, here in the host, so that neither module reads the other's
/// tables. The programme names lead departments as the seed documents do (市住建局); they match department names.
/// </summary>
public sealed class OrganisationProgrammeDirectory(IOrganisationDb db) : IProgrammeDirectory
{
    public async Task<IReadOnlyList<string>> DepartmentNames(Caller caller, CancellationToken ct)
    {
        var ids = caller.Grants.Where(g => g.Role == Role.DepartmentStaff && g.DepartmentId is not null)
            .Select(g => g.DepartmentId!.Value).Distinct().ToList();
        if (ids.Count == 0)
            return [];
        return await db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id) && d.Active).Select(d => d.Name).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<DistrictRef>> Districts(CancellationToken ct) =>
        await db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.District).OrderBy(u => u.Code)
            .Select(u => new DistrictRef(u.Code, u.Name)).ToListAsync(ct);

    /// <summary>A district grant is scoped to the district's own unit path; a grant on a street below it does not make its holder district staff.</summary>
    public async Task<IReadOnlyList<string>> DistrictCodes(Caller caller, CancellationToken ct)
    {
        var paths = caller.Grants.Where(g => g.Role == Role.DistrictStaff && g.UnitPath is not null)
            .Select(g => g.UnitPath!).Distinct().ToList();
        if (paths.Count == 0)
            return [];
        return await db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.District && paths.Contains(u.Path))
            .Select(u => u.Code).ToListAsync(ct);
    }
}
