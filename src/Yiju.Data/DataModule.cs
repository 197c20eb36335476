using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Data.Auditing;
using Yiju.Data.Migrations;
using Yiju.Hotline.Data;
using Yiju.Housing.Data;
using Yiju.Kernel.Data;
using Yiju.Organisation.Data;
using Yiju.Places.Data;
using Yiju.Programme.Data;

namespace Yiju.Data;

public static class DataModule
{
    private static readonly TicketSearchCodesInterceptor SearchCodes = new();

    /// <summary>Registers YijuDb on the configured provider and exposes it to each module as that module's I&lt;Module&gt;Db.</summary>
    public static IServiceCollection AddYijuData(this IServiceCollection services, DatabaseSettings settings)
    {
        settings.EnsureSqliteFolder();
        services.AddSingleton(settings);
        services.AddDbContext<YijuDb>(options =>
        {
            _ = settings.Provider switch
            {
                DatabaseProvider.Sqlite => options.UseSqlite(settings.ConnectionString),
                DatabaseProvider.Postgres => options.UseNpgsql(settings.ConnectionString),
            };
            options.AddInterceptors(SearchCodes);
        });
        services.AddScoped<IOrganisationDb>(sp => sp.GetRequiredService<YijuDb>());
        services.AddScoped<IProgrammeDb>(sp => sp.GetRequiredService<YijuDb>());
        services.AddScoped<IHotlineDb>(sp => sp.GetRequiredService<YijuDb>());
        services.AddScoped<IHousingDb>(sp => sp.GetRequiredService<YijuDb>());
        services.AddScoped<IPlacesDb>(sp => sp.GetRequiredService<YijuDb>());
        services.AddScoped<MigrationRunner>();
        services.AddScoped<AuditTrail>();
        services.AddSingleton<IBulkCopy, PostgresBulkCopy>();
        return services;
    }
}
