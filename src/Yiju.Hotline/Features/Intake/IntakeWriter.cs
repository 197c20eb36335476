using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Kernel;
using Yiju.Kernel.Auditing;

namespace Yiju.Hotline.Features.Intake;

/// <summary>A ticket ready to be saved once it has its number: built by <see cref="CreateTicket"/> in the request.</summary>
/// <param name="AuditActor">Who the audit trail names: the request's actor, read while the request was running.</param>
/// <param name="Build">Makes the ticket with the number it is given; a refusal (resolve-at-intake not allowed) is not saved.</param>
public sealed record IntakeWrite(string AuditActor, string Prefix, DateOnly ShanghaiDate, DateTime NowUtc, string? IdempotencyKey,
    Func<string, Outcome<Ticket>> Build);

/// <summary>
/// Saves new tickets. Tickets that arrive while others are being saved are saved together: one number reservation per
/// prefix and day, one transaction, one commit and one wait for the disk, whatever their count (group commit). Each
/// request still waits until its own ticket is durable, so an acknowledged ticket is never lost. A failure in a group
/// (an idempotency key used twice at once) saves the group's tickets one by one, so one ticket never fails another.
/// </summary>
/// <remarks>
/// Why: per ticket the fixed costs (round trips, commit, the audit chain's staging and flush) were most of the
/// database's work; grouped, 1,000 tickets a second fit on two cores (bench/README.md, Hotline). The writers run
/// without the requests' execution context, so no request's HttpContext or culture leaks into another's ticket.
/// </remarks>
public sealed class IntakeWriter : IAsyncDisposable
{
    /// <summary>At most this many tickets per transaction: big enough to amortise a commit, small enough to keep latency flat.</summary>
    public const int MaxGroup = 64;

    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<IntakeWriter> log;
    private readonly Channel<(IntakeWrite Write, TaskCompletionSource<Outcome<CreatedTicket>> Done)> queue =
        System.Threading.Channels.Channel.CreateUnbounded<(IntakeWrite, TaskCompletionSource<Outcome<CreatedTicket>>)>();
    private readonly Lock startLock = new();
    private Task[]? writers;

    public IntakeWriter(IServiceScopeFactory scopes, ILogger<IntakeWriter> log)
    {
        this.scopes = scopes;
        this.log = log;
    }

    /// <summary>Queues the ticket and completes once it is committed and flushed, or refused.</summary>
    public Task<Outcome<CreatedTicket>> Write(IntakeWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Start();
        var done = new TaskCompletionSource<Outcome<CreatedTicket>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite((write, done)))
            throw new InvalidOperationException("the intake writer has stopped (the application is shutting down)");
        return done.Task;
    }

    private void Start()
    {
        if (writers is not null)
            return;
        lock (startLock)
        {
            if (writers is not null)
                return;
            // One writer per core: while one group waits for its commit, the next is being prepared.
            using (ExecutionContext.SuppressFlow())
                writers = [.. Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount * 2, 2, 8)).Select(_ => Task.Run(Run))];
        }
    }

    private async Task Run()
    {
        var batch = new List<(IntakeWrite Write, TaskCompletionSource<Outcome<CreatedTicket>> Done)>(MaxGroup);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxGroup && queue.Reader.TryRead(out var item))
                batch.Add(item);
            if (batch.Count == 0)
                continue;
            foreach (var group in batch.GroupBy(b => b.Write.AuditActor, StringComparer.Ordinal))
            {
                var items = group.ToList();
                try
                {
                    await SaveGroup(items);
                }
                catch (Exception e)
                {
                    log.LogError(e, "saving {Count} new tickets failed", items.Count);
                    foreach (var (_, done) in items)
                        done.TrySetException(e);
                }
            }
        }
    }

    private async Task SaveGroup(List<(IntakeWrite Write, TaskCompletionSource<Outcome<CreatedTicket>> Done)> items)
    {
        var numbered = new List<(IntakeWrite Write, TaskCompletionSource<Outcome<CreatedTicket>> Done, string Number)>(items.Count);
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<OnBehalfOf>().Name = items[0].Write.AuditActor;
            var db = scope.ServiceProvider.GetRequiredService<IHotlineDb>();
            foreach (var day in items.GroupBy(i => (i.Write.Prefix, i.Write.ShanghaiDate)))
            {
                var list = day.ToList();
                var last = await TicketNumbers.Reserve(db, day.Key.Prefix, day.Key.ShanghaiDate, list.Count, CancellationToken.None);
                for (var i = 0; i < list.Count; i++)
                    numbered.Add((list[i].Write, list[i].Done, TicketNumber.Format(day.Key.Prefix, day.Key.ShanghaiDate, last - list.Count + 1 + i)));
            }
            var saved = new List<(TaskCompletionSource<Outcome<CreatedTicket>> Done, Ticket Ticket)>(numbered.Count);
            foreach (var (write, done, number) in numbered)
            {
                var added = Add(db, write, number);
                if (added.Succeeded)
                    saved.Add((done, added.Value!));
                else
                    done.TrySetResult(added.Failure!);
            }
            if (saved.Count == 0)
                return;
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                foreach (var (done, ticket) in saved)
                    done.TrySetResult(new CreatedTicket(ticket.Id, ticket.Number, false));
                return;
            }
            catch (DbUpdateException) when (saved.Count > 1)
            {
                // Fall through: one by one, each with the number it was given.
            }
            catch (DbUpdateException)
            {
                saved[0].Done.TrySetResult(Conflict);
                return;
            }
        }
        foreach (var (write, done, number) in numbered.Where(n => !n.Done.Task.IsCompleted))
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<OnBehalfOf>().Name = write.AuditActor;
            var db = scope.ServiceProvider.GetRequiredService<IHotlineDb>();
            var ticket = Add(db, write, number).Value!;
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                done.TrySetResult(new CreatedTicket(ticket.Id, ticket.Number, false));
            }
            catch (DbUpdateException)
            {
                done.TrySetResult(Conflict);
            }
        }
    }

    private static Failure Conflict => Failure.Conflict("提交冲突，请重试 (the submission collided with another; try again)");

    /// <summary>Builds the ticket and adds it (and its idempotency key) to the context, unless it was refused.</summary>
    private static Outcome<Ticket> Add(IHotlineDb db, IntakeWrite write, string number)
    {
        var built = write.Build(number);
        if (!built.Succeeded)
            return built;
        var ticket = built.Value!;
        db.Tickets.Add(ticket);
        if (write.IdempotencyKey is not null)
            db.SubmissionKeys.Add(new SubmissionKey { Key = write.IdempotencyKey, TicketId = ticket.Id, CreatedAtUtc = write.NowUtc });
        return ticket;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (writers is { } running)
            await Task.WhenAll(running);
    }
}
