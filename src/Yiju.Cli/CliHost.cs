using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yiju.Data;
using Yiju.Hotline;
using Yiju.Housing;
using Yiju.Kernel.Auditing;
using Yiju.Organisation;
using Yiju.Places;
using Yiju.Programme;

namespace Yiju.Cli;

/// <summary>
/// The services a command needs, configured like the web host: appsettings.json, then YIJU_/standard environment
/// variables (Database__Provider, ConnectionStrings__Yiju). SQLite paths are relative to the current directory, as
/// for `dotnet run --project src/Yiju.Web` from the repository root, so both use the same file.
/// </summary>
public static class CliHost
{
    public static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAuditActor>(new FixedAuditActor($"cli:{Environment.UserName}"));
        services.AddYijuData(DatabaseSettings.FromConfiguration(configuration, Environment.CurrentDirectory));
        services.AddOrganisation();
        services.AddProgramme();
        services.AddHotline();
        services.AddHousing();
        services.AddPlaces();
        return services.BuildServiceProvider();
    }
}
