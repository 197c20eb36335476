using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Features.Departments;

public sealed record DepartmentSummary(long Id, string Code, string Name, string? NameEn, bool Active, int Version);

public sealed record SaveDepartmentCommand(long? Id, string Code, string Name, string? NameEn, bool Active, int? Version);

/// <summary>Departments are few and edited by administrators only: one small handler for the list and for saving.</summary>
public sealed class DepartmentHandlers(IOrganisationDb db, TimeProvider clock)
{
    public Task<List<DepartmentSummary>> List(CancellationToken ct) =>
        db.Departments.AsNoTracking().OrderBy(d => d.Id)
            .Select(d => new DepartmentSummary(d.Id, d.Code, d.Name, d.NameEn, d.Active, d.Version))
            .ToListAsync(ct);

    public Task<DepartmentSummary?> Get(long id, CancellationToken ct) =>
        db.Departments.AsNoTracking().Where(d => d.Id == id)
            .Select(d => new DepartmentSummary(d.Id, d.Code, d.Name, d.NameEn, d.Active, d.Version))
            .FirstOrDefaultAsync(ct);

    public async Task<Outcome<DepartmentSummary>> Save(SaveDepartmentCommand command, Caller caller, CancellationToken ct)
    {
        if (!OrganisationRules.IsAdmin(caller.Grants))
            return Failure.Forbidden();
        var errors = new Dictionary<string, string[]>();
        if (OrganisationRules.CheckCode(command.Code) is { } codeError)
            errors["Code"] = [codeError];
        if (OrganisationRules.CheckName(command.Name) is { } nameError)
            errors["Name"] = [nameError];
        if (!string.IsNullOrWhiteSpace(command.NameEn) && OrganisationRules.CheckName(command.NameEn) is { } enError)
            errors["NameEn"] = [enError];
        if (errors.Count == 0 && await db.Departments.AnyAsync(d => d.Code == command.Code && d.Id != command.Id, ct))
            errors["Code"] = [$"代码 {command.Code} 已存在 (code already exists)"];
        if (errors.Count > 0)
            return Failure.Invalid("输入有误 (invalid input)", errors);

        var now = clock.GetUtcNow().UtcDateTime;
        Department? department;
        if (command.Id is { } id)
        {
            department = await db.Departments.FirstOrDefaultAsync(d => d.Id == id, ct);
            if (department is null)
                return Failure.NotFound("部门不存在 (unknown department)");
            if (command.Version is { } v && v != department.Version)
                return Failure.Conflict();
        }
        else
        {
            department = new Department { CreatedAt = now };
            db.Departments.Add(department);
        }
        department.Code = command.Code.Trim();
        department.Name = command.Name.Trim();
        department.NameEn = string.IsNullOrWhiteSpace(command.NameEn) ? null : command.NameEn.Trim();
        department.Active = command.Active;
        department.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Failure.Conflict();
        }
        return new DepartmentSummary(department.Id, department.Code, department.Name, department.NameEn, department.Active, department.Version);
    }
}
