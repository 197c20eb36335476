using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Features;
using Yiju.Organisation.Data;

namespace Yiju.Web.Infrastructure;

/// <summary>The host knows both modules: it tells Housing which Organisation department is the housing bureau (市住建局).</summary>
public sealed class HousingBureauDirectory(IOrganisationDb db) : IHousingBureau
{
    public async Task<long?> DepartmentId(CancellationToken ct) =>
        await db.Departments.AsNoTracking().Where(d => d.Code == HousingAccess.BureauDepartmentCode && d.Active).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
}
