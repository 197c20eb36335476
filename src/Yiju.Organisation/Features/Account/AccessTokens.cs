using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Organisation.Data;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Features.Account;

public sealed record TokenSummary(long Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>The token itself, returned once at creation and never again.</summary>
public sealed record CreatedToken(TokenSummary Summary, string Token);

/// <summary>
/// Personal access tokens for the JSON API: "yiju_" + 32 random bytes (base64url). Only SHA-256 of the token is stored,
/// which is enough because the token has 256 bits of entropy (no slow hash needed, unlike passwords).
/// </summary>
public sealed class AccessTokens(IOrganisationDb db, TimeProvider clock)
{
    public const string TokenPrefix = "yiju_";
    public const int MaxTokensPerPerson = 20;

    public Task<List<TokenSummary>> List(long personId, CancellationToken ct) =>
        db.AccessTokens.AsNoTracking().Where(t => t.PersonId == personId).OrderByDescending(t => t.Id)
            .Select(t => new TokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt))
            .ToListAsync(ct);

    public async Task<Outcome<CreatedToken>> Create(Caller caller, string name, int? daysValid, CancellationToken ct)
    {
        if (caller.PersonId is not { } personId)
            return Failure.Forbidden();
        if (OrganisationRules.CheckName(name) is { } nameError)
            return Failure.Invalid("Name", nameError);
        if (daysValid is < 1 or > 366)
            return Failure.Invalid("DaysValid", "有效期为 1–366 天 (valid for 1–366 days)");
        if (await db.AccessTokens.CountAsync(t => t.PersonId == personId && t.RevokedAt == null, ct) >= MaxTokensPerPerson)
            return Failure.Invalid("Name", $"每人最多 {MaxTokensPerPerson} 个有效令牌 (at most {MaxTokensPerPerson} live tokens)");

        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var entity = new AccessToken
        {
            PersonId = personId,
            Name = name.Trim(),
            Prefix = token[..12],
            Hash = Hash(token),
            CreatedAt = now,
            ExpiresAt = daysValid is { } d ? now.AddDays(d) : null,
        };
        db.AccessTokens.Add(entity);
        await db.SaveChangesAsync(ct);
        return new CreatedToken(new TokenSummary(entity.Id, entity.Name, entity.Prefix, entity.CreatedAt, entity.ExpiresAt, null, null), token);
    }

    public async Task<Outcome<bool>> Revoke(Caller caller, long tokenId, CancellationToken ct)
    {
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null)
            return Failure.NotFound("令牌不存在 (unknown token)");
        if (token.PersonId != caller.PersonId && !OrganisationRules.IsAdmin(caller.Grants))
            return Failure.Forbidden();
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    /// <summary>The principal for a presented bearer token, or null when it is unknown, revoked, expired or its owner is inactive.</summary>
    public async Task<ClaimsPrincipal?> Authenticate(string presented, string authenticationType, CancellationToken ct)
    {
        if (!presented.StartsWith(TokenPrefix, StringComparison.Ordinal) || presented.Length > 100)
            return null;
        var hash = Hash(presented);
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Hash == hash, ct);
        if (token is null || !token.IsUsableAt(now))
            return null;
        var person = await db.People.AsNoTracking().Include(p => p.Roles).FirstOrDefaultAsync(p => p.Id == token.PersonId && p.Active, ct);
        if (person is null)
            return null;
        // Record use at most once an hour, so that reads through the API do not each write an audit row.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromHours(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return await PrincipalBuilder.Build(db, person, authenticationType, ct);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
