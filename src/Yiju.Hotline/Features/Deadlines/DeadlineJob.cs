using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Yiju.Hotline.Features.Deadlines;

/// <summary>Settings of the reminder and escalation job (section <c>Hotline:DeadlineJob</c>).</summary>
public sealed class DeadlineJobOptions
{
    public const string Section = "Hotline:DeadlineJob";

    /// <summary>Off only where another process runs the job, or in tests that drive it by hand.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each node tries to run it. Reminder windows are hours long, so a minute is plenty.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a node holds the lease after a run; other nodes take over once it lapses (node stopped or hung).</summary>
    public TimeSpan LeaseFor => Interval * 3;
}

/// <summary>
/// Runs <see cref="DeadlineSweep"/> on every web node every <see cref="DeadlineJobOptions.Interval"/>; the database lease lets
/// only one node do the work each time. Waits on the injected <see cref="TimeProvider"/>, so tests can move the clock.
/// </summary>
public sealed class DeadlineJob(IServiceScopeFactory scopes, IOptions<DeadlineJobOptions> options, TimeProvider clock, ILogger<DeadlineJob> logger) : BackgroundService
{
    /// <summary>This node's name in the lease: unique per process and per host (tests run two hosts in one process).</summary>
    public string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
            return;
        using var timer = new PeriodicTimer(settings.Interval, clock);
        do
        {
            await RunOnce(settings, stoppingToken);
        }
        while (await WaitForNext(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!options.Value.Enabled)
            return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await JobLeases.Release(scope.ServiceProvider.GetRequiredService<Data.IHotlineDb>(), DeadlineSweep.LeaseName, Holder, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Shutting down: the lease lapses by itself.
            logger.LogDebug(e, "Could not release the deadline job lease.");
        }
    }

    private async Task RunOnce(DeadlineJobOptions settings, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().Run(Holder, settings.LeaseFor, ct);
            if (result.Reminders + result.Escalations + result.Conflicts > 0)
                logger.LogInformation("Deadline job: {Reminders} reminders, {Escalations} escalations, {Conflicts} left to the next run.",
                    result.Reminders, result.Escalations, result.Conflicts);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A failed run (database briefly away) must not stop the host; the next tick tries again.
            logger.LogError(e, "Deadline job run failed.");
        }
    }

    private static async Task<bool> WaitForNext(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
