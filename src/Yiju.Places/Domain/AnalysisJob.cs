using Yiju.Kernel.Auditing;

namespace Yiju.Places.Domain;

/// <summary>Written by name in JSON ("Queued", "Running", "Succeeded", "Failed"), so API clients need no table of numbers.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AnalysisJobStatus>))]
public enum AnalysisJobStatus
{
    Queued = 1,
    Running = 2,
    Succeeded = 3,
    Failed = 4,
}

/// <summary>
/// A requested analysis: recorded by the request (queued, with its parameters, the facility types as they were then,
/// and the inputs it saw), executed later by the background worker one at a time, and linked to the saved
/// <see cref="AnalysisRun"/> when it succeeds. Status changes are audited; the version guards the claim, so a job
/// runs once even when two workers look at the queue.
/// </summary>
public sealed class AnalysisJob : IVersioned
{
    /// <summary>A job interrupted this many times (the process stopped while it ran) is failed rather than resumed again, so a run that kills its process cannot loop.</summary>
    public const int MaxAttempts = 2;

    public long Id { get; set; }
    public AnalysisJobStatus Status { get; set; }
    public DateTime QueuedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public required string RequestedBy { get; set; }

    /// <summary>The network the request was made against; the worker refuses to run on a different one.</summary>
    public long NetworkId { get; set; }

    public required string ParametersJson { get; set; }

    /// <summary>Facility types (level, distance, group, clause) as they were when the job was queued: a later edit does not change a queued run.</summary>
    public required string TypesJson { get; set; }

    public required string InputsJson { get; set; }
    public int Attempts { get; set; }
    public string? FailureReason { get; set; }
    public long? RunId { get; set; }
    public int Version { get; set; }

    /// <summary>
    /// What a job found queued or running when the worker starts: a queued job stays queued (it is picked up in turn);
    /// a running one was interrupted by the stop, and nothing of it was written (a run is saved in one transaction at
    /// its end), so it is queued again, unless it has already been interrupted <see cref="MaxAttempts"/> times.
    /// </summary>
    public bool RecoverAtStartUp(DateTime now)
    {
        if (Status != AnalysisJobStatus.Running)
            return false;
        if (Attempts >= MaxAttempts)
        {
            Status = AnalysisJobStatus.Failed;
            FinishedAt = now;
            FailureReason = $"运行中服务重启 {Attempts} 次，已停止重试 (interrupted by a restart {Attempts} times; not retried again)";
        }
        else
        {
            Status = AnalysisJobStatus.Queued;
            StartedAt = null;
        }

        return true;
    }
}
