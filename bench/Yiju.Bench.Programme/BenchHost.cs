using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Yiju.Data;

namespace Yiju.Bench.Programme;

/// <summary>
/// The real web host (Yiju.Web's Program) on Kestrel at a loopback port, in the Production environment with logging
/// at Warning so that console output is not part of what is timed. It migrates and seeds on start as a first start would.
/// </summary>
public sealed class BenchHost(DatabaseProvider provider, string connectionString) : WebApplicationFactory<Program>
{
    public Uri? BaseAddress { get; private set; }

    public void Start()
    {
        // The factory finds the web project's folder (wwwroot, content root) from this setting when no test manifest is built.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_YIJU_WEB", WebProjectFolder());
        var port = FreePort();
        UseKestrel(port);
        StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:Yiju", connectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("YIJU_ADMIN_PASSWORD", "Bench-Admin-Passw0rd");
        // One client makes every request: the per-address limit for anonymous pages would otherwise refuse it.
        builder.UseSetting("RateLimiting:AnonymousPermitsPerMinute", "10000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft", "Warning");
    }

    private static string WebProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Yiju.Web");
            if (Directory.Exists(candidate))
                return candidate;
        }

        throw new InvalidOperationException("src/Yiju.Web not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
