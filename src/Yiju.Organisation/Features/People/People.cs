using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Features.People;

public sealed record GrantView(Role Role, string? UnitCode, string? UnitName, long? DepartmentId, string? DepartmentName);

public sealed record PersonSummary(long Id, string UserName, string DisplayName, string? Phone, bool Active, bool LockedOut, DateTime? LastSignInAt, IReadOnlyList<GrantView> Grants, int Version);

/// <summary>A role to give: the scope is a unit code (district or street) or a department id, as the role requires.</summary>
public sealed record GrantInput(Role Role, string? UnitCode, long? DepartmentId);

public sealed record SavePersonCommand(long? Id, string UserName, string DisplayName, string? Phone, bool Active, string? NewPassword, IReadOnlyList<GrantInput> Grants, int? Version);

/// <summary>Administrators manage people, their roles and scopes. Passwords are hashed with the framework's PasswordHasher.</summary>
public sealed class PeopleHandlers(IOrganisationDb db, TimeProvider clock, IPasswordHasher<Person> hasher)
{
    public async Task<List<PersonSummary>> List(string? search, CancellationToken ct)
    {
        var query = db.People.AsNoTracking().Include(p => p.Roles).AsQueryable();
        if (!string.IsNullOrWhiteSpace(search))
            query = query.Where(p => p.UserName.Contains(search) || p.DisplayName.Contains(search));
        var people = await query.OrderBy(p => p.UserName).Take(500).ToListAsync(ct);
        return await ToSummaries(people, ct);
    }

    public async Task<PersonSummary?> Get(long id, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Include(p => p.Roles).FirstOrDefaultAsync(p => p.Id == id, ct);
        return person is null ? null : (await ToSummaries([person], ct))[0];
    }

    public async Task<Outcome<PersonSummary>> Save(SavePersonCommand command, Caller caller, CancellationToken ct)
    {
        if (!OrganisationRules.IsAdmin(caller.Grants))
            return Failure.Forbidden();
        var errors = new Dictionary<string, string[]>();
        var userName = command.UserName?.Trim() ?? "";
        if (userName.Length is < 2 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            errors["UserName"] = ["用户名为 2–64 个字母、数字或 . _ - (user name: 2–64 letters, digits, . _ -)"];
        if (OrganisationRules.CheckName(command.DisplayName) is { } nameError)
            errors["DisplayName"] = [nameError];
        if (command.Phone is { Length: > 0 } phone && (phone.Length > 32 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')))
            errors["Phone"] = ["电话号码格式不正确 (invalid phone number)"];
        if (command.Id is null && string.IsNullOrEmpty(command.NewPassword))
            errors["NewPassword"] = ["新用户需要设置密码 (a new person needs a password)"];
        if (!string.IsNullOrEmpty(command.NewPassword) && SignInPolicy.CheckPassword(command.NewPassword) is { } pwError)
            errors["NewPassword"] = [pwError];

        var assignments = new List<RoleAssignment>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (grant, i) in command.Grants.Select((g, i) => (g, i)))
        {
            Unit? unit = null;
            if (!Enum.IsDefined(grant.Role))
            {
                errors[$"Grants[{i}]"] = ["未知角色 (unknown role)"];
                continue;
            }
            if (!string.IsNullOrWhiteSpace(grant.UnitCode))
            {
                unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == grant.UnitCode, ct);
                if (unit is null)
                {
                    errors[$"Grants[{i}]"] = [$"单位 {grant.UnitCode} 不存在 (unknown unit)"];
                    continue;
                }
            }
            if (grant.DepartmentId is { } depId && !await db.Departments.AnyAsync(d => d.Id == depId, ct))
            {
                errors[$"Grants[{i}]"] = ["部门不存在 (unknown department)"];
                continue;
            }
            if (OrganisationRules.CheckGrantScope(grant.Role, unit?.Level, grant.DepartmentId is not null) is { } scopeError)
            {
                errors[$"Grants[{i}]"] = [scopeError];
                continue;
            }
            assignments.Add(new RoleAssignment { Role = grant.Role, UnitId = unit?.Id, DepartmentId = grant.DepartmentId, CreatedAt = now });
        }
        if (errors.Count == 0 && await db.People.AnyAsync(p => p.UserName == userName && p.Id != command.Id, ct))
            errors["UserName"] = [$"用户名 {userName} 已被使用 (user name taken)"];
        if (errors.Count > 0)
            return Failure.Invalid("输入有误 (invalid input)", errors);

        Person? person;
        if (command.Id is { } id)
        {
            person = await db.People.Include(p => p.Roles).FirstOrDefaultAsync(p => p.Id == id, ct);
            if (person is null)
                return Failure.NotFound("人员不存在 (unknown person)");
            if (command.Version is { } v && v != person.Version)
                return Failure.Conflict();
            if (person.Id == caller.PersonId && !command.Active)
                return Failure.Invalid("Active", "不能停用自己的账号 (you cannot deactivate yourself)");
            if (person.Id == caller.PersonId && !assignments.Any(a => a.Role == Role.CityAdmin))
                return Failure.Invalid("Grants", "不能撤销自己的管理员角色 (you cannot remove your own administrator role)");
        }
        else
        {
            person = new Person { CreatedAt = now };
            db.People.Add(person);
        }
        person.UserName = userName;
        person.DisplayName = command.DisplayName.Trim();
        person.Phone = string.IsNullOrWhiteSpace(command.Phone) ? null : command.Phone.Trim();
        person.Active = command.Active;
        person.UpdatedAt = now;
        if (!string.IsNullOrEmpty(command.NewPassword))
            person.PasswordHash = hasher.HashPassword(person, command.NewPassword);
        db.RoleAssignments.RemoveRange(person.Roles);
        person.Roles = assignments;
        // Role changes alone do not touch the person row, yet the version must move so a stale form cannot undo them.
        person.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Failure.Conflict();
        }
        return (await Get(person.Id, ct))!;
    }

    public async Task<Outcome<bool>> Unlock(long id, Caller caller, CancellationToken ct)
    {
        if (!OrganisationRules.IsAdmin(caller.Grants))
            return Failure.Forbidden();
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
            return Failure.NotFound("人员不存在 (unknown person)");
        person.LockedUntil = null;
        person.FailedSignIns = 0;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<List<PersonSummary>> ToSummaries(List<Person> people, CancellationToken ct)
    {
        var unitIds = people.SelectMany(p => p.Roles).Select(r => r.UnitId).OfType<long>().Distinct().ToList();
        var depIds = people.SelectMany(p => p.Roles).Select(r => r.DepartmentId).OfType<long>().Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var deps = await db.Departments.AsNoTracking().Where(d => depIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return people.Select(p => new PersonSummary(
            p.Id, p.UserName, p.DisplayName, p.Phone, p.Active, SignInPolicy.IsLockedOut(p, now), p.LastSignInAt,
            p.Roles.OrderBy(r => r.Role).Select(r => new GrantView(
                r.Role,
                r.UnitId is { } u ? units[u].Code : null,
                r.UnitId is { } u2 ? units[u2].Name : null,
                r.DepartmentId,
                r.DepartmentId is { } d ? deps[d].Name : null)).ToList(),
            p.Version)).ToList();
    }
}
