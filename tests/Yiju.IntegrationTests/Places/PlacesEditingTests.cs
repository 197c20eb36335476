using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Security;
using Yiju.Places.Domain;
using Yiju.Places.Features;

namespace Yiju.IntegrationTests.Places;

/// <summary>
/// Facilities by hand, facility types as data, queueing and comparing runs: who may do it, 4xx on bad input with
/// nothing written, 409 on a stale version. This app never imports a network, so nothing here depends on one.
/// </summary>
public abstract class PlacesEditingTests(AppFixture fixture)
{
    private static object Facility(string? name, double lat = 45.7732, double lon = 126.6177, double? capacity = 90, string? type = "kindergarten", int? version = null) =>
        new { typeCode = type, name, latitude = lat, longitude = lon, capacity, address = "道里区测试街1号", version };

    [Fact]
    public async Task Planners_add_and_edit_facilities_others_may_not_and_bad_input_writes_nothing()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var count = app.Db(db => db.Facilities.Count());

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/places/facilities", Facility("匿名"), ct)).StatusCode);
        var (operatorClient, _) = await app.ClientFor(Role.HotlineOperator);
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.PostAsJsonAsync("/api/v1/places/facilities", Facility("接线员"), ct)).StatusCode);
        var (district, _) = await app.ClientFor(Role.DistrictStaff, "230102");
        Assert.Equal(HttpStatusCode.Forbidden, (await district.PostAsJsonAsync("/api/v1/places/facilities", Facility("区"), ct)).StatusCode);

        var department = app.Db(db => db.Departments.OrderBy(d => d.Id).Select(d => d.Code).First());
        var (planner, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: department);
        foreach (var bad in new[] { Facility(""), Facility("坐标错", lat: 95), Facility("容量错", capacity: -1), Facility("类型错", type: "no-such-type"), Facility(new string('长', 201)) })
        {
            var refused = await planner.PostAsJsonAsync("/api/v1/places/facilities", bad, ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>(ct)).TryGetProperty("errors", out _));
        }

        Assert.Equal(count, app.Db(db => db.Facilities.Count()));

        var created = await planner.PostAsJsonAsync("/api/v1/places/facilities", Facility("测试幼儿园"), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saved = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("no-network", saved.GetProperty("check").GetProperty("status").GetString());
        var id = saved.GetProperty("facility").GetProperty("id").GetInt64();
        var facility = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/places/facilities/{id}", ct);
        Assert.Equal("道里区测试街1号", facility.GetProperty("address").GetString());
        Assert.Equal("230102", facility.GetProperty("districtCode").GetString());
        Assert.Equal("form", facility.GetProperty("source").GetString());
        var version = facility.GetProperty("version").GetInt32();

        // A bad edit changes nothing; a stale version is a conflict; a good edit is saved and audited.
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.PutAsJsonAsync($"/api/v1/places/facilities/{id}", Facility("改名", lat: 91, version: version), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.PutAsJsonAsync($"/api/v1/places/facilities/{id}", Facility("改名", version: null), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await planner.PutAsJsonAsync($"/api/v1/places/facilities/{id}", Facility("改名", version: version + 5), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await planner.PutAsJsonAsync("/api/v1/places/facilities/999999999", Facility("改名", version: 0), ct)).StatusCode);
        Assert.Equal("测试幼儿园", (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/places/facilities/{id}", ct)).GetProperty("name").GetString());
        var edited = await planner.PutAsJsonAsync($"/api/v1/places/facilities/{id}", Facility("改名幼儿园", lat: 45.7550, lon: 126.6400, type: "childcare", version: version), ct);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var after = (await edited.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("facility");
        Assert.Equal("childcare", after.GetProperty("typeCode").GetString());
        Assert.Equal(version + 1, after.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await planner.PutAsJsonAsync($"/api/v1/places/facilities/{id}", Facility("又改", version: version), ct)).StatusCode);
        Assert.True(app.Db(db => db.AuditEntries.Any(a => a.EntityType == nameof(Yiju.Places.Domain.Facility) && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "update")));
    }

    [Fact]
    public async Task Only_administrators_and_coordinators_edit_facility_types_and_a_bad_edit_changes_nothing()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        async Task<JsonElement> Type() => (await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/places/types", ct))!.Single(t => t.GetProperty("code").GetString() == "elderly-day-care");
        var before = await Type();
        var department = app.Db(db => db.Departments.OrderBy(d => d.Id).Select(d => d.Code).First());
        var (planner, _) = await app.ClientFor(Role.DepartmentStaff, departmentCode: department);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PutAsJsonAsync("/api/v1/places/types/elderly-day-care", PlacesApiTests.TypeEdit(before, 400), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsJsonAsync("/api/v1/places/types/elderly-day-care", PlacesApiTests.TypeEdit(before, 400), ct)).StatusCode);

        var (admin, _) = await app.ClientFor(Role.CityAdmin);
        var good = (Dictionary<string, object?>)ToDictionary(PlacesApiTests.TypeEdit(before, 400));
        foreach (var (field, value) in new (string, object?)[]
                 {
                     ("walkingDistance", 10.0), ("lifeCircleMinutes", 7), ("targetGroup", "Age99"), ("targetGroup", "3"), ("capacityUnit", "Litres"),
                     ("defaultCapacity", 0.0), ("clause", ""), ("name", ""),
                 })
        {
            var bad = new Dictionary<string, object?>(good) { [field] = value };
            var refused = await admin.PutAsJsonAsync("/api/v1/places/types/elderly-day-care", bad, ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var unsourced = new Dictionary<string, object?>(good) { ["clauseChecked"] = true, ["clauseVerification"] = "" };
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/api/v1/places/types/elderly-day-care", unsourced, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/v1/places/types/no-such-type", good, ct)).StatusCode);
        var unchanged = await Type();
        Assert.Equal(before.GetProperty("walkingDistance").GetDouble(), unchanged.GetProperty("walkingDistance").GetDouble());
        Assert.Equal(before.GetProperty("version").GetInt32(), unchanged.GetProperty("version").GetInt32());

        var (coordinator, _) = await app.ClientFor(Role.ProgrammeCoordinator);
        var ok = await coordinator.PutAsJsonAsync("/api/v1/places/types/elderly-day-care", good, ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var changed = await Type();
        Assert.Equal(400, changed.GetProperty("walkingDistance").GetDouble());
        Assert.Equal(before.GetProperty("version").GetInt32() + 1, changed.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync("/api/v1/places/types/elderly-day-care", good, ct)).StatusCode);
        var typeId = app.Db(db => db.FacilityTypes.Single(t => t.Code == "elderly-day-care").Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(app.Db(db => db.AuditEntries.Any(a => a.EntityType == nameof(FacilityType) && a.EntityId == typeId && a.Action == "update" && a.After!.Contains("400"))));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/places/types/elderly-day-care", PlacesApiTests.TypeEdit(changed, before.GetProperty("walkingDistance").GetDouble()), ct)).StatusCode);
    }

    [Fact]
    public async Task Queueing_without_a_network_is_refused_and_comparing_needs_two_saved_runs()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var (admin, _) = await app.ClientFor(Role.CityAdmin);
        var jobs = app.Db(db => db.AnalysisJobs.Count());
        var refused = await admin.PostAsJsonAsync("/api/v1/places/runs", new { sites = 1 }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("no walking network", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/places/runs", new { sites = 99 }, ct)).StatusCode);
        Assert.Equal(jobs, app.Db(db => db.AnalysisJobs.Count()));

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/places/runs/compare?a=1", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/places/runs/compare?a=999998&b=999999", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/places/jobs/1", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/places/jobs/999999", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/places/check?lat=95&lon=126", ct)).StatusCode);
    }

    private static IDictionary<string, object?> ToDictionary(object o) =>
        o.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(o));
}

public sealed class PlacesEditingOnSqlite(SqliteFixture fixture) : PlacesEditingTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PlacesEditingOnPostgres(PostgresFixture fixture) : PlacesEditingTests(fixture), IClassFixture<PostgresFixture>;

/// <summary>
/// What the worker finds after a stop: a job that was running when the process stopped is queued again, unless it has
/// been interrupted <see cref="AnalysisJob.MaxAttempts"/> times, when it is failed with the reason. Its own app, since
/// it writes a stand-in network row.
/// </summary>
public abstract class PlacesJobRecoveryTests(AppFixture fixture)
{
    [Fact]
    public async Task An_interrupted_job_is_failed_with_a_reason_after_its_last_attempt()
    {
        var app = fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var jobId = app.Db(db =>
        {
            var network = new WalkingNetwork { FileName = "stand-in.osm", Sha256 = new string('0', 64), Content = [1], ImportedBy = "test", ImportedAt = DateTime.UtcNow };
            db.WalkingNetworks.Add(network);
            db.SaveChanges();
            var job = new AnalysisJob
            {
                Status = AnalysisJobStatus.Running,
                QueuedAt = DateTime.UtcNow,
                StartedAt = DateTime.UtcNow,
                RequestedBy = "test",
                NetworkId = network.Id,
                ParametersJson = "{}",
                TypesJson = "[]",
                InputsJson = "{}",
                Attempts = AnalysisJob.MaxAttempts,
            };
            db.AnalysisJobs.Add(job);
            db.SaveChanges();
            return job.Id;
        });

        var worker = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AnalysisWorker>().Single();
        Assert.True(await worker.Recover(ct) >= 1);
        var recovered = app.Db(db => db.AnalysisJobs.Single(j => j.Id == jobId));
        Assert.Equal(AnalysisJobStatus.Failed, recovered.Status);
        Assert.Contains("interrupted", recovered.FailureReason, StringComparison.Ordinal);
        Assert.NotNull(recovered.FinishedAt);
        Assert.True(app.Db(db => db.AuditEntries.Any(a => a.EntityType == nameof(AnalysisJob) && a.Action == "update")));
    }
}

public sealed class PlacesJobRecoveryOnSqlite(SqliteFixture fixture) : PlacesJobRecoveryTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PlacesJobRecoveryOnPostgres(PostgresFixture fixture) : PlacesJobRecoveryTests(fixture), IClassFixture<PostgresFixture>;
