using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Features.Units;

/// <summary>Adds a street or community, or renames an existing unit. Version guards against a silent overwrite of someone else's edit.</summary>
public sealed record SaveUnitCommand(string? ExistingCode, string Code, string Name, string? NameEn, string? ParentCode, UnitLevel Level, int? Version);

public sealed class SaveUnit(IOrganisationDb db, TimeProvider clock, DistrictLookup lookup)
{
    public async Task<Outcome<UnitSummary>> Handle(SaveUnitCommand command, Caller caller, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (OrganisationRules.CheckName(command.Name) is { } nameError)
            errors["Name"] = [nameError];
        if (!string.IsNullOrWhiteSpace(command.NameEn) && OrganisationRules.CheckName(command.NameEn) is { } enError)
            errors["NameEn"] = [enError];
        var now = clock.GetUtcNow().UtcDateTime;

        if (command.ExistingCode is { } existingCode)
        {
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Code == existingCode, ct);
            if (unit is null)
                return Failure.NotFound($"单位 {existingCode} 不存在 (unknown unit)");
            if (!OrganisationRules.CanManageUnit(caller.Grants, unit.Level, unit.Path))
                return Failure.Forbidden($"无权修改 {unit.Name} (not allowed to edit this unit)");
            if (errors.Count > 0)
                return Failure.Invalid("输入有误 (invalid input)", errors);
            if (command.Version is { } v && v != unit.Version)
                return Failure.Conflict();
            unit.Name = command.Name.Trim();
            unit.NameEn = string.IsNullOrWhiteSpace(command.NameEn) ? null : command.NameEn.Trim();
            unit.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Failure.Conflict();
            }
            lookup.Invalidate();
            return Summary(unit, command.ParentCode);
        }

        if (OrganisationRules.CheckCode(command.Code) is { } codeError)
            errors["Code"] = [codeError];
        if (command.Level is not (UnitLevel.Street or UnitLevel.Community))
            errors["Level"] = ["只能新增街道或社区 (only streets and communities can be added)"];
        var parent = string.IsNullOrWhiteSpace(command.ParentCode) ? null : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == command.ParentCode, ct);
        if (parent is null)
            errors["ParentCode"] = [$"上级单位 {command.ParentCode} 不存在 (unknown parent unit)"];
        else if (Unit.ChildLevelOf(parent.Level) != command.Level)
            errors["ParentCode"] = ["上级单位级别不符 (the parent is not of the level above)"];
        if (parent is not null && !OrganisationRules.CanManageUnit(caller.Grants, command.Level, parent.Path))
            return Failure.Forbidden($"无权在 {parent.Name} 下新增单位 (not allowed to add units here)");
        if (errors.Count == 0 && await db.Units.AnyAsync(u => u.Code == command.Code, ct))
            errors["Code"] = [$"代码 {command.Code} 已存在 (code already exists)"];
        if (errors.Count > 0)
            return Failure.Invalid("输入有误 (invalid input)", errors);

        var created = new Unit
        {
            Code = command.Code.Trim(),
            Name = command.Name.Trim(),
            NameEn = string.IsNullOrWhiteSpace(command.NameEn) ? null : command.NameEn.Trim(),
            Level = command.Level,
            ParentId = parent!.Id,
            Path = Unit.ChildPath(parent.Path, command.Code.Trim()),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Units.Add(created);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people adding the same code at once: the unique index decides, the loser is told plainly.
            return Failure.Conflict($"代码 {command.Code} 已存在 (code already exists)");
        }
        return Summary(created, parent.Code);
    }

    private static UnitSummary Summary(Unit u, string? parentCode) =>
        new(u.Id, u.Code, u.Name, u.NameEn, u.Level, u.Kind, parentCode, u.Path, u.BoundaryGeoJson is not null);
}
