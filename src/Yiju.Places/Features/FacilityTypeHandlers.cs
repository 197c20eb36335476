using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Places.Data;
using Yiju.Places.Domain;

namespace Yiju.Places.Features;

/// <summary>
/// Editing a facility type's standard (level, distance, age group, capacity unit, clause). The change is audited by
/// the database's audit chain; it applies to analyses queued afterwards, while saved and queued runs keep the
/// <see cref="TypeSnapshot"/> they were given.
/// </summary>
public sealed class FacilityTypeHandlers(IPlacesDb db)
{
    public Task<FacilityType?> Get(string code, CancellationToken ct) =>
        db.FacilityTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Code == code, ct);

    public async Task<Outcome<FacilityType>> Update(string code, int? version, FacilityTypeEdit edit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var type = await db.FacilityTypes.FirstOrDefaultAsync(t => t.Code == code, ct);
        if (type is null)
            return Failure.NotFound($"设施类型 '{code}' 不存在 (unknown facility type)");
        var errors = edit.Validate();
        if (version is null)
            errors["version"] = ["缺少版本号 (version required)"];
        if (errors.Count > 0)
            return Failure.Invalid("设施类型信息有误，未保存 (the facility type has errors; nothing was saved)", errors);
        if (type.Version != version)
            return Failure.Conflict();
        type.Name = edit.Name!.Trim();
        type.NameEn = string.IsNullOrWhiteSpace(edit.NameEn) ? null : edit.NameEn.Trim();
        type.Level = edit.Level!.Value;
        type.WalkingDistance = edit.WalkingDistance!.Value;
        type.TargetGroup = edit.TargetGroup!.Value;
        type.CapacityUnit = edit.CapacityUnit!.Value;
        type.DefaultCapacity = edit.DefaultCapacity!.Value;
        type.Clause = edit.Clause!.Trim();
        type.ClauseChecked = edit.ClauseChecked;
        type.ClauseVerification = string.IsNullOrWhiteSpace(edit.ClauseVerification) ? null : edit.ClauseVerification.Trim();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Conflict();
        }

        return type;
    }
}
