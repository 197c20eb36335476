using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yiju.Kernel;
using Yiju.Places.Data;
using Yiju.Places.Domain;

namespace Yiju.Places.Features;

/// <summary>
/// Executes queued analyses one at a time, in the order they were queued. At start-up it first recovers what a stop
/// left behind (<see cref="AnalysisJob.RecoverAtStartUp"/>). It is woken by <see cref="AnalysisQueue.Signal"/> and
/// also looks at the table every <see cref="PollInterval"/>, for jobs queued by another process.
/// </summary>
public sealed class AnalysisWorker(IServiceScopeFactory scopes, AnalysisQueue queue, TimeProvider clock, ILogger<AnalysisWorker> log) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var recovered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                if (!recovered)
                {
                    await Recover(stoppingToken);
                    recovered = true;
                }

                busy = await RunNext(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // E.g. the schema is not migrated yet: say so and look again later rather than stop the worker for good.
                log.LogError(e, "Places analysis worker: {Message}", e.Message);
            }

            if (!busy)
            {
                try
                {
                    await queue.Wait(PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Re-queues or fails the jobs a stop interrupted. Returns how many it changed.</summary>
    public async Task<int> Recover(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IPlacesDb>();
        var running = await db.AnalysisJobs.Where(j => j.Status == AnalysisJobStatus.Running).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = running.Count(j => j.RecoverAtStartUp(now));
        if (changed > 0)
        {
            await db.SaveChangesAsync(ct);
            log.LogWarning("Places analysis worker: {Count} interrupted analyses re-queued or failed at start-up", changed);
        }

        return changed;
    }

    /// <summary>Claims and executes the oldest queued job. False when there was none.</summary>
    public async Task<bool> RunNext(CancellationToken ct)
    {
        long jobId;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IPlacesDb>();
            var job = await db.AnalysisJobs.Where(j => j.Status == AnalysisJobStatus.Queued).OrderBy(j => j.Id).FirstOrDefaultAsync(ct);
            if (job is null)
                return false;
            jobId = job.Id;
            job.Status = AnalysisJobStatus.Running;
            job.StartedAt = clock.GetUtcNow().UtcDateTime;
            job.Attempts++;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return true; // another worker claimed it first
            }

            queue.Report(jobId, "start", 0);
            Outcome<RunSummary> outcome;
            try
            {
                var types = JsonSerializer.Deserialize<List<TypeSnapshot>>(job.TypesJson, RunAnalysis.Json)!;
                var parameters = JsonSerializer.Deserialize<AnalysisParameters>(job.ParametersJson, RunAnalysis.Json)!;
                var progress = new JobProgress(queue, jobId);
                outcome = await scope.ServiceProvider.GetRequiredService<RunAnalysis>().Execute(types, parameters, job.RequestedBy, job.NetworkId, progress,
                    async run =>
                    {
                        job.Status = AnalysisJobStatus.Succeeded;
                        job.RunId = run.Id;
                        job.FinishedAt = clock.GetUtcNow().UtcDateTime;
                        await db.SaveChangesAsync(ct);
                    }, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // A graceful stop: nothing of the run was committed; the job goes back to the queue for the next start.
                queue.Clear(jobId);
                await Finish(jobId, null, requeue: true);
                throw;
            }
            catch (Exception e)
            {
                log.LogError(e, "Places analysis job {JobId} failed", jobId);
                queue.Clear(jobId);
                await Finish(jobId, $"内部错误，请联系管理员 (internal error: {e.GetType().Name})", requeue: false);
                return true;
            }

            queue.Clear(jobId);
            if (outcome.Failure is { } failure)
                await Finish(jobId, failure.Message, requeue: false);
            else
                log.LogInformation("Places analysis job {JobId} saved run {RunId}", jobId, outcome.Value!.Id);
        }

        return true;
    }

    /// <summary>Marks a job failed (or queued again) in a fresh scope: the running scope's context may hold the failed run's rows.</summary>
    private async Task Finish(long jobId, string? reason, bool requeue)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IPlacesDb>();
        var job = await db.AnalysisJobs.SingleAsync(j => j.Id == jobId, CancellationToken.None);
        if (requeue)
        {
            job.Status = AnalysisJobStatus.Queued;
            job.StartedAt = null;
            job.Attempts = Math.Max(0, job.Attempts - 1);
        }
        else
        {
            job.Status = AnalysisJobStatus.Failed;
            job.FinishedAt = clock.GetUtcNow().UtcDateTime;
            job.FailureReason = reason is { Length: > 1000 } ? reason[..1000] : reason;
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private sealed class JobProgress(AnalysisQueue queue, long jobId) : IProgress<(string Stage, double Fraction)>
    {
        public void Report((string Stage, double Fraction) value) => queue.Report(jobId, value.Stage, value.Fraction);
    }
}
