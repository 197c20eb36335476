using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Data;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Deadlines;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;
using Yiju.Organisation.Domain;

namespace Yiju.IntegrationTests.Hotline;

/// <summary>
/// The reminder and escalation job on two web hosts sharing one database, as two nodes of a deployment: both run the
/// scheduled job (short interval) and the test races extra runs on both, with and without the lease; every reminder and
/// escalation must still be recorded exactly once, on the timeline and as a notice.
/// </summary>
public abstract class DeadlineJobTests(DatabaseProvider provider)
{
    // Monday 2 November 2026, 10:00 in Harbin.
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private const int HotlineTickets = 60;
    private const int Petitions = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> JobOn = new()
    {
        ["Hotline:DeadlineJob:Enabled"] = "true",
        ["Hotline:DeadlineJob:Interval"] = "00:00:00.200",
    };

    [Fact]
    public async Task Two_nodes_running_the_job_together_record_each_reminder_and_escalation_exactly_once()
    {
        Assert.SkipWhen(provider == DatabaseProvider.Postgres && TestDatabase.PostgresServer is null, TestDatabase.SkipReason);
        var clock = new TestClock(T0);
        await using var first = await YijuApp.Start(provider, JobOn, s => s.AddSingleton<TimeProvider>(clock));
        await using var second = YijuApp.Join(first.Database, JobOn, s => s.AddSingleton<TimeProvider>(clock));

        var department = first.Db(db => db.Departments.AsNoTracking().Single(d => d.Code == "zjj").Id);
        var streetCode = first.StreetOf("230102");
        var street = first.Db(db => db.Units.AsNoTracking().Single(u => u.Code == streetCode).Id);
        var district = first.Db(db => db.Units.AsNoTracking().Single(u => u.Code == "230102").Id);
        await Seed(first, T0.UtcDateTime, department, street);

        // Sign-for due at T0 + 24 h (reminder window 4 h), handling at T0 + 72 h (window 24 h); petitions must be decided by
        // the end of 17 November (15 days, reminder window 3 days).
        await Phase(first, second, clock, T0.AddHours(21), expectedNotices: HotlineTickets);                    // sign-for reminders
        await Phase(first, second, clock, T0.AddHours(25), expectedNotices: 2 * HotlineTickets);                // sign-for escalations
        await Phase(first, second, clock, T0.AddDays(14), expectedNotices: (3 * HotlineTickets) + Petitions);   // handling escalations, petition reminders
        await Phase(first, second, clock, T0.AddDays(16), expectedNotices: (3 * HotlineTickets) + (2 * Petitions)); // petition escalations

        var events = first.Db(db => db.TicketEvents.AsNoTracking()
            .Where(e => e.Action == TicketAction.Remind || e.Action == TicketAction.Escalate)
            .Select(e => new { e.TicketId, e.Action, e.Note }).ToList());
        var tickets = first.Db(db => db.Tickets.AsNoTracking().ToList());
        foreach (var t in tickets)
        {
            var mine = events.Where(e => e.TicketId == t.Id).ToList();
            if (t.Type == TicketType.Petition)
            {
                Assert.Single(mine, e => e.Action == TicketAction.Remind);
                Assert.Single(mine, e => e.Action == TicketAction.Escalate);
                Assert.Contains(mine, e => e.Note!.Contains("信访受理告知期限", StringComparison.Ordinal));
            }
            else
            {
                // One sign-for reminder; escalations for sign-for and handling; no handling reminder (first seen overdue).
                Assert.Single(mine, e => e.Action == TicketAction.Remind);
                Assert.Equal(2, mine.Count(e => e.Action == TicketAction.Escalate));
                Assert.Equal(2, t.SupervisionCount);
            }
            Assert.True(t.Escalated);
        }
        var notices = first.Db(db => db.DeadlineNotices.AsNoTracking().ToList());
        Assert.Equal(notices.Count, notices.Select(n => (n.TicketId, n.Kind, n.DueUtc)).Distinct().Count());
        Assert.All(notices.Where(n => n.Kind == NoticeKind.SignForEscalation && n.UnitKind == UnitKind.Street), n => Assert.Equal(district, n.EscalatedToDistrictId));

        // The units see their notices in their queue; the district also its street's escalations; the centre every escalation.
        var (zjj, _) = await first.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var zjjNotices = await Notices(zjj);
        Assert.NotEmpty(zjjNotices);
        Assert.All(zjjNotices, n => Assert.False(n.GetProperty("petition").GetBoolean()));
        var (daoli, _) = await second.ClientFor(Role.DistrictStaff, "230102");
        Assert.Contains(await Notices(daoli), n => n.GetProperty("kind").GetString() == nameof(NoticeKind.SignForEscalation));
        var (op, _) = await first.ClientFor(Role.HotlineOperator);
        Assert.All(await Notices(op), n => Assert.True(n.GetProperty("escalation").GetBoolean()));
        var (bureau, _) = await second.ClientFor(Role.DepartmentStaff, departmentCode: PetitionBureau.DepartmentCode);
        Assert.Contains(await Notices(bureau), n => n.GetProperty("kind").GetString() == nameof(NoticeKind.DecisionEscalation));
    }

    [Fact]
    public async Task The_lease_goes_to_one_holder_until_it_expires()
    {
        Assert.SkipWhen(provider == DatabaseProvider.Postgres && TestDatabase.PostgresServer is null, TestDatabase.SkipReason);
        await using var app = await YijuApp.Start(provider);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IHotlineDb>();
        var now = T0.UtcDateTime;
        Assert.True(await JobLeases.TryAcquire(db, "test-lease", "node-a", now, now.AddMinutes(3), Ct));
        Assert.False(await JobLeases.TryAcquire(db, "test-lease", "node-b", now.AddMinutes(1), now.AddMinutes(4), Ct));
        Assert.True(await JobLeases.TryAcquire(db, "test-lease", "node-a", now.AddMinutes(1), now.AddMinutes(4), Ct)); // renewal
        Assert.True(await JobLeases.TryAcquire(db, "test-lease", "node-b", now.AddMinutes(5), now.AddMinutes(8), Ct)); // expired: taken over
        Assert.False(await JobLeases.TryAcquire(db, "test-lease", "node-a", now.AddMinutes(6), now.AddMinutes(9), Ct));

        // Many would-be holders at once: exactly one wins.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var s = app.Services.CreateScope();
            return await JobLeases.TryAcquire(s.ServiceProvider.GetRequiredService<IHotlineDb>(), "race-lease", $"node-{i}", now, now.AddMinutes(3), Ct);
        }));
        Assert.Single(results, r => r);
    }

    /// <summary>Moves the clock, waits for the nodes' own job runs to catch up, then races more runs on both nodes and checks nothing doubled.</summary>
    private static async Task Phase(YijuApp first, YijuApp second, TestClock clock, DateTimeOffset at, int expectedNotices)
    {
        clock.Set(at);
        // The scheduled runs on both nodes do the work within a few ticks; the limit only keeps a broken job from hanging the test.
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            wait.CancelAfter(TimeSpan.FromSeconds(60));
            while (NoticeCount(first) < expectedNotices && !wait.IsCancellationRequested)
                await Task.Delay(100, Ct);
        }
        await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            var app = i % 2 == 0 ? first : second;
            await using var scope = app.Services.CreateAsyncScope();
            var sweep = scope.ServiceProvider.GetRequiredService<DeadlineSweep>();
            // Half the runs skip the lease, so only the unique keys and the ticket version stand between them.
            if (i < 3)
                await sweep.RunWithoutLease(Ct);
            else
                await sweep.Run($"extra-{Guid.NewGuid():N}", TimeSpan.FromMinutes(1), Ct);
        }));
        Assert.Equal(expectedNotices, NoticeCount(first));
    }

    private static int NoticeCount(YijuApp app) => app.Db(db => db.DeadlineNotices.Count());

    private static async Task<List<JsonElement>> Notices(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/hotline/notices", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return [.. JsonDocument.Parse(body).RootElement.EnumerateArray()];
    }

    private static async Task Seed(YijuApp app, DateTime now, long department, long street)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<YijuDb>();
        var op = new Actor(null, "测试话务员", HotlineRole.HotlineOperator);
        for (var i = 0; i < HotlineTickets + Petitions; i++)
        {
            var petition = i >= HotlineTickets;
            var intake = new TicketIntake(petition ? TicketType.Petition : TicketType.Complaint, "noise.construction", $"工地夜间施工噪音 {i}",
                petition ? Channel.Letter : Channel.Phone, Urgency.Normal, null, "张三", "13812345678", null, null, null, null);
            var ticket = Ticket.Accept(Guid.CreateVersion7(), $"{(petition ? "XF" : "12345")}-20261102-{i + 1:D6}", intake, op, now);
            if (!petition)
            {
                var unit = i % 2 == 0 ? new UnitRef(department, UnitKind.Department, "市住建局") : new UnitRef(street, UnitKind.Street, "街道");
                Assert.True(ticket.Dispatch(op, now, unit, new TicketDeadlines(now.AddHours(24), now.AddHours(72))).Succeeded);
            }
            db.Tickets.Add(ticket);
        }
        await db.SaveChangesAsync(Ct);
    }

    private sealed class TestClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public void Set(DateTimeOffset at) => Interlocked.Exchange(ref _ticks, at.UtcTicks);

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    }
}

public sealed class DeadlineJobOnSqlite() : DeadlineJobTests(DatabaseProvider.Sqlite);

public sealed class DeadlineJobOnPostgres() : DeadlineJobTests(DatabaseProvider.Postgres);
