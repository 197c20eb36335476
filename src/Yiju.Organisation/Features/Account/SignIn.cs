using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Features.Account;

/// <summary>
/// Checks a user name and password and builds the principal with the person's role grants.
/// Failures count towards a lockout; the message never says whether the user name exists.
/// </summary>
public sealed class SignIn(IOrganisationDb db, TimeProvider clock, IPasswordHasher<Person> hasher)
{
    public const string WrongCredentials = "用户名或密码错误 (wrong user name or password)";

    public async Task<Outcome<ClaimsPrincipal>> Handle(string userName, string password, string authenticationType, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var person = await db.People.Include(p => p.Roles).FirstOrDefaultAsync(p => p.UserName == userName, ct);
        if (person is null || !person.Active)
            return Failure.Invalid(WrongCredentials);
        if (SignInPolicy.IsLockedOut(person, now))
            return Failure.Invalid($"账号已被锁定，请于 {SignInPolicy.LockoutDuration.TotalMinutes:0} 分钟后重试 (locked after repeated failures; try again later)");

        var verdict = hasher.VerifyHashedPassword(person, person.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            SignInPolicy.RecordFailure(person, now);
            await db.SaveChangesAsync(ct);
            return Failure.Invalid(WrongCredentials);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            person.PasswordHash = hasher.HashPassword(person, password);
        SignInPolicy.RecordSuccess(person, now);
        await db.SaveChangesAsync(ct);
        return await PrincipalBuilder.Build(db, person, authenticationType, ct);
    }
}

public static class PrincipalBuilder
{
    public static async Task<ClaimsPrincipal> Build(IOrganisationDb db, Person person, string authenticationType, CancellationToken ct)
    {
        var unitIds = person.Roles.Select(r => r.UnitId).OfType<long>().ToList();
        // Only the two columns: the unit rows carry their boundary GeoJSON, and this runs on every API request.
        var paths = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Path })
            .ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, person.UserName),
            new(YijuClaims.PersonId, person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(YijuClaims.UserName, person.UserName),
            new(YijuClaims.DisplayName, person.DisplayName),
            new(YijuClaims.PersonVersion, person.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        foreach (var r in person.Roles)
        {
            claims.Add(new Claim(YijuClaims.Grant, YijuClaims.FormatGrant(new RoleGrant(r.Role, r.UnitId is { } u ? paths[u] : null, r.DepartmentId))));
            claims.Add(new Claim(ClaimTypes.Role, r.Role.ToString()));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
