using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Data;
using Yiju.Data.Auditing;
using Yiju.IntegrationTests.Infrastructure;

namespace Yiju.IntegrationTests.Data;

/// <summary>Each test tampers with the trail, so each gets a database of its own.</summary>
public abstract class AuditChainTests(DatabaseProvider provider)
{
    private async Task<YijuApp> FreshApp()
    {
        Assert.SkipWhen(provider == DatabaseProvider.Postgres && TestDatabase.PostgresServer is null, TestDatabase.SkipReason);
        return await YijuApp.Start(provider);
    }

    private static async Task<(long Rows, AuditChainBreak? Break)> Verify(YijuApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuditTrail>().Verify(TestContext.Current.CancellationToken);
    }

    private static async Task Sql(YijuApp app, string sql)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<YijuDb>().Database.ExecuteSqlRawAsync(sql, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_seeded_trail_verifies()
    {
        await using var app = await FreshApp();
        var (rows, broken) = await Verify(app);
        Assert.Null(broken);
        Assert.True(rows > 100, $"seeding should have audited every unit and department, got {rows} rows");
    }

    [Fact]
    public async Task An_altered_row_is_reported_at_its_position()
    {
        await using var app = await FreshApp();
        await Sql(app, "UPDATE sys_audit_entry SET actor = 'mallory' WHERE seq = 7");
        var (rows, broken) = await Verify(app);
        Assert.Equal(6, rows);
        Assert.Equal(new AuditChainBreak(7, AuditBreak.Altered, broken!.Message), broken);
    }

    [Fact]
    public async Task A_deleted_row_is_reported()
    {
        await using var app = await FreshApp();
        await Sql(app, "DELETE FROM sys_audit_entry WHERE seq = 12");
        var (_, broken) = await Verify(app);
        Assert.Equal(12, broken!.Seq);
        Assert.Equal(AuditBreak.Deleted, broken.Kind);
    }

    [Fact]
    public async Task A_forged_row_hashed_into_place_is_reported_as_inserted()
    {
        await using var app = await FreshApp();
        // The forger recomputes the row's own hash correctly but cannot fix the link from its predecessor.
        var forged = app.Db(db => db.AuditEntries.AsNoTracking().Single(a => a.Seq == 20));
        forged.Actor = "mallory";
        forged.PrevHash = new string('f', 64);
        forged.Hash = AuditChain.ComputeHash(forged);
        await Sql(app, $"UPDATE sys_audit_entry SET actor = 'mallory', prev_hash = '{forged.PrevHash}', hash = '{forged.Hash}' WHERE seq = 20");
        var (_, broken) = await Verify(app);
        Assert.Equal(20, broken!.Seq);
        Assert.Equal(AuditBreak.Inserted, broken.Kind);
    }
}

public sealed class AuditChainOnSqlite() : AuditChainTests(DatabaseProvider.Sqlite);

public sealed class AuditChainOnPostgres() : AuditChainTests(DatabaseProvider.Postgres);
