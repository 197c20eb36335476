using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Yiju.Hotline.Data;

/// <summary>
/// Merges the search index's pending list (PostgreSQL GIN "fast update") into the index every few seconds. New
/// tickets' codes are appended to that list cheaply; merging it is the dear part, and left to PostgreSQL it falls on
/// whichever ticket fills the list, which then waits half a second (the creation benchmark's p99). Larger merges cost
/// less per ticket (at 1,000 tickets a second, merging every second kept a core busy; every 5 s, about half as much),
/// and searches read the unmerged list too, which at a city's real rate is a few tickets. The list's limit is set high
/// (db/postgres/0019) so that this job, not a request, does the merging; should the job not run, requests still
/// merge it at that limit. Every web node runs it; PostgreSQL lets one merge at a time.
/// </summary>
public sealed class SearchIndexCleaner(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<SearchIndexCleaner> logger)
    : BackgroundService
{
    /// <summary>Seconds between merges (<c>Hotline:SearchIndexMergeSeconds</c>, default 5).</summary>
    public const string IntervalSetting = "Hotline:SearchIndexMergeSeconds";

    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue(IntervalSetting, 5.0), 0.1, 3600));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!await CleanOnce(stoppingToken))
                    return;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One merge; false where there is nothing to do (SQLite has no such index).</summary>
    public async Task<bool> CleanOnce(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IHotlineDb>();
            if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) != true)
                return false;
            await db.Database.ExecuteSqlRawAsync("SELECT gin_clean_pending_list('ix_hotline_ticket_search_grams'::regclass)", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not fatal: the index stays correct, PostgreSQL merges the list itself when it is full.
            logger.LogWarning(e, "Merging the ticket search index's pending list failed; trying again in {Interval}.", Interval);
        }
        return true;
    }
}
