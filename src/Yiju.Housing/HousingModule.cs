using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Features;
using Yiju.Housing.Features.Applications;
using Yiju.Housing.Features.Lotteries;
using Yiju.Housing.Features.Stock;
using Yiju.Housing.Features.Subsidies;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Indicators;

namespace Yiju.Housing;

public static class HousingModule
{
    /// <summary>Registers the housing handlers. The host registers YijuDb as IHousingDb and an <see cref="IHousingBureau"/>.</summary>
    public static IServiceCollection AddHousing(this IServiceCollection services)
    {
        services.TryAddSingleton<IWorkingCalendar>(_ => ChinaWorkingCalendar.LoadEmbedded());
        services.AddSingleton(sp => new ApplicationProcedure(sp.GetRequiredService<IWorkingCalendar>()));
        services.AddScoped<HousingSeeder>();
        services.AddScoped<HousingAccess>();
        services.AddScoped<SubmitApplication>();
        services.AddScoped<ActOnApplication>();
        services.AddScoped<ApplicationQueries>();
        services.AddScoped<ApplicationDocuments>();
        services.AddScoped<Objections>();
        services.AddScoped<NoticeBatch>();
        services.AddScoped<RuleSets>();
        services.AddScoped<StockHandlers>();
        services.AddScoped<LotteryHandlers>();
        services.AddScoped<SubsidyHandlers>();
        services.AddScoped<HousingIndicatorFeed>();
        services.AddScoped<IIndicatorFeed>(sp => sp.GetRequiredService<HousingIndicatorFeed>());
        return services;
    }

    /// <summary>Public pages: scheme rules, applying, the applicant's own status, notices, lotteries and their verification. The rest is staff-only by the host's fallback policy.</summary>
    public static RazorPagesOptions AddHousingPageConventions(this RazorPagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var page in new[] { "/Index", "/Apply", "/Status", "/Notices", "/Verify", "/Lotteries/Index", "/Lotteries/Detail" })
            options.Conventions.AllowAnonymousToAreaPage("Housing", page);
        return options;
    }
}
