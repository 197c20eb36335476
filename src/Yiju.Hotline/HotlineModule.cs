using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Deadlines;
using Yiju.Hotline.Features.Intake;
using Yiju.Hotline.Features.Knowledge;
using Yiju.Hotline.Features.Kpi;
using Yiju.Hotline.Features.Open311;
using Yiju.Hotline.Features.Petitions;
using Yiju.Hotline.Features.Queries;
using Yiju.Hotline.Features.Settings;
using Yiju.Hotline.Features.Taxonomy;
using Yiju.Hotline.Features.Workflow;
using Yiju.Kernel.Auditing;
using Yiju.Kernel.Indicators;

namespace Yiju.Hotline;

public static class HotlineModule
{
    /// <summary>
    /// Registers the hotline's handlers. The host registers YijuDb as IHotlineDb, an <see cref="Features.Access.IHotlineDirectory"/>
    /// over the organisation, and the working calendar (IWorkingCalendar).
    /// </summary>
    public static IServiceCollection AddHotline(this IServiceCollection services)
    {
        // Deadlines and status wording are edited by the centre and stored; requests use the set read within the
        // last few seconds (SettingsCache).
        services.AddScoped<HotlineConfiguration>();
        services.AddSingleton<SettingsCache>();
        services.AddScoped(sp => sp.GetRequiredService<SettingsCache>().Policy(() => sp.GetRequiredService<HotlineConfiguration>().Policy()));
        services.AddScoped(sp => sp.GetRequiredService<SettingsCache>().Labels(() => sp.GetRequiredService<HotlineConfiguration>().Labels()));
        services.AddScoped<HotlineSettings>();
        services.AddScoped<KnowledgeBase>();
        services.AddScoped<CallRecords>();
        services.AddScoped<KpiDrillDown>();
        services.AddScoped<HotspotQueries>();
        services.AddSingleton<RoutingModel>();
        services.AddScoped<CategoryCatalogue>();
        services.AddScoped<CreateTicket>();
        services.AddSingleton<IntakeWriter>();
        services.TryAddScoped<OnBehalfOf>();
        services.AddScoped<TicketQueries>();
        services.AddScoped<TransitionTicket>();
        services.AddScoped<KpiDashboard>();
        services.AddScoped<Open311Clients>();
        services.AddScoped<Open311Requests>();
        services.AddScoped<DeadlineSweep>();
        services.AddScoped<NoticeQueries>();
        services.AddScoped<PetitionQueries>();
        services.AddScoped<HotlineIndicatorFeed>();
        services.AddScoped<IIndicatorFeed>(sp => sp.GetRequiredService<HotlineIndicatorFeed>());
        services.AddOptions<DeadlineJobOptions>().BindConfiguration(DeadlineJobOptions.Section);
        services.AddHostedService<DeadlineJob>();
        services.AddHostedService<Data.SearchIndexCleaner>();
        return services;
    }

    /// <summary>The resident pages are public; the rest of the area falls under the host's staff-only fallback policy.</summary>
    public static RazorPagesOptions AddHotlinePageConventions(this RazorPagesOptions options)
    {
        options.Conventions.AllowAnonymousToAreaPage("Hotline", "/Submit");
        options.Conventions.AllowAnonymousToAreaPage("Hotline", "/Track");
        options.Conventions.AuthorizeAreaPage("Hotline", "/Open311Clients", Kernel.Security.Policies.Admin);
        return options;
    }
}
