using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Yiju.Data;
using Yiju.IntegrationTests.Infrastructure;

namespace Yiju.IntegrationTests.Hotline;

/// <summary>
/// The real Yiju.Web as a separate process (dotnet exec of the built dll) takes a burst of concurrent public submissions and
/// is killed with SIGKILL in the middle of it. After a restart, every submission that got a ticket number must exist, and
/// repeating an unanswered submission with its idempotency key never makes a second ticket.
/// </summary>
public abstract class SubmissionDurabilityTests(DatabaseProvider provider)
{
    private const int Burst = 300;
    private const int KillAfterAcknowledged = 60;
    private const string Phone = "13700001234";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_acknowledged_submission_survives_a_kill_9_in_the_middle_of_a_burst()
    {
        Assert.SkipWhen(provider == DatabaseProvider.Postgres && TestDatabase.PostgresServer is null, TestDatabase.SkipReason);
        await using var database = await TestDatabase.Create(provider);
        var port = FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

        var server = Start(database, port);
        try
        {
            await WaitUntilHealthy(http, server);
            var acknowledged = new ConcurrentDictionary<string, string>(); // idempotency key → ticket number
            var failed = new ConcurrentBag<string>();
            var killed = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, Burst), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (i, ct) =>
            {
                var key = $"burst-{i}-{Guid.NewGuid():N}";
                try
                {
                    using var response = await Post(http, key, i, ct);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                        acknowledged[key] = body.GetProperty("number").GetString()!;
                    }
                    else
                    {
                        failed.Add(key);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    failed.Add(key); // the server died under this request: no acknowledgement, no promise
                }
                if (acknowledged.Count >= KillAfterAcknowledged && Interlocked.Exchange(ref killed, 1) == 0)
                    server.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
            });
            await server.WaitForExitAsync(Ct);
            Assert.Equal(1, killed);
            Assert.NotEmpty(failed); // the kill really came in the middle of the burst
            Assert.True(acknowledged.Count >= KillAfterAcknowledged);

            server.Dispose();
            server = Start(database, port);
            await WaitUntilHealthy(http, server);

            foreach (var (key, number) in acknowledged)
            {
                using var tracked = await http.GetAsync($"/api/v1/hotline/public/tickets/{number}?phone={Phone}", Ct);
                Assert.True(tracked.StatusCode == HttpStatusCode.OK, $"acknowledged ticket {number} ({key}) is missing after the restart: {tracked.StatusCode}");
            }
            if (provider == DatabaseProvider.Sqlite)
            {
                // What makes a commit durable on SQLite here: the rollback journal (no WAL) with synchronous=FULL, the defaults
                // Yiju keeps; a commit is on disk before SQLite returns, and a hot journal left by the kill is rolled back on open.
                await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
                await connection.OpenAsync(Ct);
                Assert.Equal("delete", await Pragma(connection, "journal_mode"));
                Assert.Equal("2", await Pragma(connection, "synchronous"));
            }
            // A resident whose answer was lost sends again with the same key: the ticket that was committed (200) or a new one (201), once.
            var numbers = new HashSet<string>(acknowledged.Values, StringComparer.Ordinal);
            foreach (var key in failed.Take(40))
            {
                var i = int.Parse(key.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture);
                using var again = await Post(http, key, i, Ct);
                Assert.True(again.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{again.StatusCode}");
                using var repeat = await Post(http, key, i, Ct);
                Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
                var first = (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetString()!;
                var second = (await repeat.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetString()!;
                Assert.Equal(first, second);
                Assert.True(numbers.Add(first), $"ticket number {first} issued twice");
            }
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(CancellationToken.None);
            }
            server.Dispose();
        }
    }

    private static async Task<string> Pragma(Microsoft.Data.Sqlite.SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string key, int i, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hotline/public/tickets")
        {
            Content = JsonContent.Create(new
            {
                type = "Complaint",
                categoryCode = "noise.construction",
                text = $"压力测试：夜间施工噪音 {i}",
                callerName = "王五",
                callerPhone = Phone,
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request, ct);
    }

    private static Process Start(TestDatabase database, int port)
    {
        var root = RepositoryRoot();
        // The same build configuration as this test assembly (bin/<Configuration>/net10.0).
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(root, "src", "Yiju.Web", "bin", configuration, "net10.0", "Yiju.Web.dll");
        Assert.True(File.Exists(dll), $"build Yiju.Web first: {dll}");
        var start = new ProcessStartInfo("dotnet", ["exec", dll])
        {
            WorkingDirectory = Path.Combine(root, "src", "Yiju.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Urls, not ASPNETCORE_URLS: appsettings.json names a default that the prefixed variable would not override.
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__Yiju"] = database.ConnectionString;
        start.Environment["Database__MigrateOnStart"] = "true";
        start.Environment["YIJU_ADMIN_PASSWORD"] = YijuApp.AdminPassword;
        start.Environment["RateLimiting__AnonymousPermitsPerMinute"] = "1000000";
        start.Environment["Hotline__DeadlineJob__Enabled"] = "false";
        var process = Process.Start(start)!;
        // Drain the output so a full pipe never blocks the server.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilHealthy(HttpClient http, Process server)
    {
        // Start-up migrates and seeds; the limit only keeps a broken build from hanging the run.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromMinutes(3));
        while (true)
        {
            Assert.False(server.HasExited, $"Yiju.Web exited with code {(server.HasExited ? server.ExitCode : 0)} during start-up");
            try
            {
                using var response = await http.GetAsync("/health", limit.Token);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(250, limit.Token);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yiju.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Yiju.slnx not found above " + AppContext.BaseDirectory);
    }
}

public sealed class SubmissionDurabilityOnSqlite() : SubmissionDurabilityTests(DatabaseProvider.Sqlite);

public sealed class SubmissionDurabilityOnPostgres() : SubmissionDurabilityTests(DatabaseProvider.Postgres);
