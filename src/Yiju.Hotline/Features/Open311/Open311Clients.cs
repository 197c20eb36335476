using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Open311;

public sealed record Open311ClientView(long Id, string Name, string KeyPrefix, bool Active, DateTime CreatedAtUtc, DateTime? LastUsedAtUtc);

public sealed record RegisteredClient(Open311ClientView Client, string ApiKey);

/// <summary>Open311 api_keys, one per registered client, issued and revoked by administrators. The key is shown once; only its SHA-256 is kept.</summary>
public sealed class Open311Clients(IHotlineDb db, TimeProvider clock, Settings.SettingsCache cache)
{
    public const string KeyPrefix = "o311_";

    public Task<List<Open311ClientView>> List(CancellationToken ct) =>
        db.Open311Clients.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new Open311ClientView(c.Id, c.Name, c.KeyPrefix, c.Active, c.CreatedAtUtc, c.LastUsedAtUtc))
            .ToListAsync(ct);

    public async Task<Outcome<RegisteredClient>> Register(string? name, Caller caller, CancellationToken ct)
    {
        if (!caller.Has(Role.CityAdmin))
            return Failure.Forbidden("只有管理员可以登记 Open311 客户端 (administrators only)");
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            return Failure.Invalid("name", "名称必填，最多100字 (a name of up to 100 characters is required)");
        var key = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var client = new Open311Client
        {
            Name = name.Trim(),
            KeyPrefix = key[..(KeyPrefix.Length + 4)],
            KeyHash = Hash(key),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Open311Clients.Add(client);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return new RegisteredClient(new Open311ClientView(client.Id, client.Name, client.KeyPrefix, client.Active, client.CreatedAtUtc, null), key);
    }

    public async Task<Outcome<bool>> SetActive(long id, bool active, Caller caller, CancellationToken ct)
    {
        if (!caller.Has(Role.CityAdmin))
            return Failure.Forbidden("只有管理员可以管理 Open311 客户端 (administrators only)");
        var client = await db.Open311Clients.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
            return Failure.NotFound("客户端不存在 (unknown client)");
        client.Active = active;
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return true;
    }

    /// <summary>The active client holding <paramref name="apiKey"/>, or null.</summary>
    public async Task<Open311ClientView?> Authenticate(string? apiKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > 200)
            return null;
        var active = await cache.ActiveOpen311Clients(Active, ct);
        return active.GetValueOrDefault(Hash(apiKey.Trim()));
    }

    private async Task<IReadOnlyDictionary<string, Open311ClientView>> Active(CancellationToken ct) =>
        await db.Open311Clients.AsNoTracking().Where(c => c.Active)
            .ToDictionaryAsync(c => c.KeyHash, c => new Open311ClientView(c.Id, c.Name, c.KeyPrefix, c.Active, c.CreatedAtUtc, c.LastUsedAtUtc), StringComparer.Ordinal, ct);

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
