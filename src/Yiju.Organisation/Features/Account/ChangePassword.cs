using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Features.Account;

/// <summary>A person changes their own password, proving the current one first (the generated admin password is meant to be replaced).</summary>
public sealed class ChangePassword(IOrganisationDb db, TimeProvider clock, IPasswordHasher<Person> hasher)
{
    public async Task<Outcome<bool>> Handle(Caller caller, string current, string next, string confirm, CancellationToken ct)
    {
        if (caller.PersonId is not { } id)
            return Failure.Forbidden();
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
            return Failure.NotFound("人员不存在 (unknown person)");
        if (hasher.VerifyHashedPassword(person, person.PasswordHash, current ?? "") == PasswordVerificationResult.Failed)
            return Failure.Invalid("Current", "当前密码不正确 (the current password is wrong)");
        if (SignInPolicy.CheckPassword(next ?? "") is { } problem)
            return Failure.Invalid("Next", problem);
        if (!string.Equals(next, confirm, StringComparison.Ordinal))
            return Failure.Invalid("Confirm", "两次输入的新密码不一致 (the new passwords differ)");
        person.PasswordHash = hasher.HashPassword(person, next!);
        person.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
