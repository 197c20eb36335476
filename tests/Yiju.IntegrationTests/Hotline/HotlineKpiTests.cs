using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Domain;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;

namespace Yiju.IntegrationTests.Hotline;

/// <summary>
/// The dashboard counts the KPI outcomes in SQL (grouped per holding unit); these must be exactly what the domain's
/// Kpis functions give over the same tickets' snapshots, on both databases.
/// </summary>
public abstract class HotlineKpiTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode} (expected {expected}): {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task The_dashboard_aggregated_by_the_database_equals_the_domain_rates_over_snapshots()
    {
        var app = fixture.Require();
        var (op, _) = await app.ClientFor(Role.HotlineOperator);
        var (zjj, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: "zjj");
        var zjjId = app.Db(db => db.Departments.AsNoTracking().Single(d => d.Code == "zjj").Id);

        async Task<Guid> Ticket(string text)
        {
            var created = await Json(await op.PostAsJsonAsync("/api/v1/hotline/tickets", new
            {
                type = "Complaint",
                categoryCode = "heating.indoor-temperature",
                text,
                callerName = "王五",
                callerPhone = "13900000000",
                address = "南岗区",
            }, Ct), HttpStatusCode.Created);
            var id = created.GetProperty("id").GetGuid();
            await Json(await op.PostAsJsonAsync($"/api/v1/hotline/tickets/{id}/dispatch", new { version = 1, unitKind = "Department", unitId = zjjId }, Ct), HttpStatusCode.OK);
            return id;
        }

        async Task Through(Guid id, bool resolved, string satisfaction)
        {
            await Json(await zjj.PostAsJsonAsync($"/api/v1/hotline/tickets/{id}/sign-for", new { version = 2 }, Ct), HttpStatusCode.OK);
            await Json(await zjj.PostAsJsonAsync($"/api/v1/hotline/tickets/{id}/reply", new { version = 3, note = "已处理" }, Ct), HttpStatusCode.OK);
            await Json(await op.PostAsJsonAsync($"/api/v1/hotline/tickets/{id}/callback", new { version = 4, resolved, satisfaction }, Ct), HttpStatusCode.OK);
        }

        await Through(await Ticket("暖气不热 1"), true, "Satisfied");
        await Through(await Ticket("暖气不热 2"), true, "BasicallySatisfied");
        await Through(await Ticket("暖气不热 3"), false, "Dissatisfied");
        await Ticket("暖气不热 4"); // dispatched, not signed for: not yet counted either way

        var kpi = await Json(await op.GetAsync("/api/v1/hotline/kpi", Ct), HttpStatusCode.OK);
        var month = YearMonth.Of(DateTime.UtcNow);
        var now = DateTime.UtcNow;
        var snapshots = app.Db(db => db.Tickets.AsNoTracking()
            .Where(t => t.FirstDispatchedAtUtc >= month.StartUtc && t.FirstDispatchedAtUtc < month.EndUtc)
            .Select(t => new TicketSnapshot(t.Id, t.Type, t.CategoryCode, t.Urgency, t.Status, t.CurrentUnitId, t.CurrentUnitKind, t.DistrictId, t.StreetId,
                t.AcceptedAtUtc, t.FirstDispatchedAtUtc, t.SignForDueUtc, t.SignedForAtUtc, t.HandlingDueUtc, t.RepliedAtUtc, t.ClosedAtUtc,
                t.CallbackResolved, t.CallbackSatisfaction, t.ResolvedAtIntake, t.ReopenCount))
            .ToList());
        var live = snapshots.Where(s => s.Status != TicketStatus.Merged).ToList();
        Assert.Equal(snapshots.Count, kpi.GetProperty("tickets").GetInt32());

        void Same(Rate expected, JsonElement figure, string what)
        {
            Assert.True(Math.Abs(expected.Numerator - figure.GetProperty("numerator").GetDouble()) < 1e-9, $"{what} numerator");
            Assert.Equal(expected.Denominator, figure.GetProperty("denominator").GetInt32());
        }

        var rates = kpi.GetProperty("rates").EnumerateArray().ToDictionary(r => r.GetProperty("kind").GetString()!);
        foreach (var kind in Enum.GetValues<KpiKind>())
            Same(Kpis.Compute(kind, live, now), rates[kind.ToString()], kind.ToString());

        var expectedRanking = Kpis.RankMonth(snapshots, month, Kpis.ByUnit(UnitKind.Department), new KpiWeightHistory([KpiWeights.Default]), now);
        var departments = kpi.GetProperty("rankings").EnumerateArray().Single(r => r.GetProperty("level").GetString() == "Department").GetProperty("rows")
            .EnumerateArray().ToList();
        Assert.Equal(expectedRanking.Select(s => (s.UnitId, s.Rank, s.Tickets)),
            departments.Select(r => (r.GetProperty("unitId").GetInt64(), r.GetProperty("rank").GetInt32(), r.GetProperty("tickets").GetInt32())));
        var zjjRow = departments.Single(r => r.GetProperty("unitId").GetInt64() == zjjId);
        var zjjScore = expectedRanking.Single(s => s.UnitId == zjjId);
        Same(zjjScore.Response, zjjRow.GetProperty("response"), "response");
        Same(zjjScore.Resolution, zjjRow.GetProperty("resolution"), "resolution");
        Same(zjjScore.Satisfaction, zjjRow.GetProperty("satisfaction"), "satisfaction");
        Same(zjjScore.OnTimeClosing, zjjRow.GetProperty("onTimeClosing"), "on time");
        Assert.True(zjjScore.Satisfaction.Denominator >= 3);
    }
}

public sealed class HotlineKpiOnSqlite(SqliteFixture fixture) : HotlineKpiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class HotlineKpiOnPostgres(PostgresFixture fixture) : HotlineKpiTests(fixture), IClassFixture<PostgresFixture>;
