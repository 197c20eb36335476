using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Places.Data;
using Yiju.Places.Domain;

namespace Yiju.Places.Features;

/// <summary>A job as the pages and the API show it. Stage and fraction are known only on the node that runs it.</summary>
public sealed record JobView(long Id, AnalysisJobStatus Status, DateTime QueuedAt, DateTime? StartedAt, DateTime? FinishedAt, string RequestedBy,
    int Attempts, string? FailureReason, long? RunId, int AheadInQueue, string? Stage, double? Fraction, AnalysisParameters Parameters, RunInputs Inputs);

/// <summary>
/// The worker's doorbell and progress board, one per process. The queue itself is the <c>places_analysis_job</c>
/// table, so queued jobs survive a restart and a job queued on another node is found by the worker's periodic look.
/// </summary>
public sealed class AnalysisQueue
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly ConcurrentDictionary<long, (string Stage, double Fraction)> _progress = new();

    /// <summary>Wakes the worker now rather than at its next periodic look.</summary>
    public void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up is enough, the worker takes every queued job before it waits again.
        }
    }

    public async Task Wait(TimeSpan timeout, CancellationToken ct) => await _signal.WaitAsync(timeout, ct);

    public void Report(long jobId, string stage, double fraction) => _progress[jobId] = (stage, Math.Clamp(fraction, 0, 1));

    public void Clear(long jobId) => _progress.TryRemove(jobId, out _);

    public (string Stage, double Fraction)? Progress(long jobId) => _progress.TryGetValue(jobId, out var p) ? p : null;
}

/// <summary>Queues analyses (the "运行分析" button and <c>POST /api/v1/places/runs</c>) and reads their state.</summary>
public sealed class AnalysisJobs(IPlacesDb db, RunAnalysis runs, AnalysisQueue queue, TimeProvider clock)
{
    /// <summary>
    /// Records a queued job with its parameters, the facility types as they are now and the inputs it would use, then
    /// wakes the worker. What would make the run fail at once (no network, no population, bad parameters) is refused
    /// here with a 400, not queued.
    /// </summary>
    public async Task<Outcome<JobView>> Queue(AnalysisParameters parameters, string actor, CancellationToken ct)
    {
        if (RunAnalysis.Check(parameters) is { } bad)
            return bad;
        var network = await db.WalkingNetworks.AsNoTracking().OrderByDescending(n => n.Id).Select(n => new { n.Id, n.FileName }).FirstOrDefaultAsync(ct);
        if (network is null)
            return Failure.Invalid("network", "尚未导入步行路网，请先导入 OSM 文件 (no walking network yet: import an OSM file first)");
        var types = await runs.CurrentTypes(ct);
        if (types.Count == 0)
            return Failure.Invalid("types", "没有设施类型 (no facility types)");
        var inputs = await runs.Inputs(network.Id, network.FileName, types, ct);
        if (inputs.Failure is { } missing)
            return missing;
        var job = new AnalysisJob
        {
            Status = AnalysisJobStatus.Queued,
            QueuedAt = clock.GetUtcNow().UtcDateTime,
            RequestedBy = actor.Length > 100 ? actor[..100] : actor,
            NetworkId = network.Id,
            ParametersJson = JsonSerializer.Serialize(parameters, RunAnalysis.Json),
            TypesJson = JsonSerializer.Serialize(types, RunAnalysis.Json),
            InputsJson = JsonSerializer.Serialize(inputs.Value.Summary, RunAnalysis.Json),
        };
        db.AnalysisJobs.Add(job);
        await db.SaveChangesAsync(ct);
        // Read before the worker is woken, so the answer describes the job as it was queued.
        var view = (await Get(job.Id, ct))!;
        queue.Signal();
        return view;
    }

    public async Task<JobView?> Get(long id, CancellationToken ct)
    {
        var job = await db.AnalysisJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null)
            return null;
        var ahead = job.Status == AnalysisJobStatus.Queued
            ? await db.AnalysisJobs.CountAsync(j => j.Id < id && (j.Status == AnalysisJobStatus.Queued || j.Status == AnalysisJobStatus.Running), ct)
            : 0;
        return View(job, ahead);
    }

    public async Task<List<JobView>> Recent(int count, CancellationToken ct) =>
        (await db.AnalysisJobs.AsNoTracking().OrderByDescending(j => j.Id).Take(count).ToListAsync(ct)).Select(j => View(j, 0)).ToList();

    private JobView View(AnalysisJob job, int ahead)
    {
        var progress = job.Status == AnalysisJobStatus.Running ? queue.Progress(job.Id) : null;
        return new JobView(job.Id, job.Status, job.QueuedAt, job.StartedAt, job.FinishedAt, job.RequestedBy, job.Attempts, job.FailureReason, job.RunId, ahead,
            progress?.Stage, progress?.Fraction,
            JsonSerializer.Deserialize<AnalysisParameters>(job.ParametersJson, RunAnalysis.Json)!,
            JsonSerializer.Deserialize<RunInputs>(job.InputsJson, RunAnalysis.Json)!);
    }
}
