using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Places.Features;

namespace Yiju.Places;

public static class PlacesModule
{
    /// <summary>Registers the places handlers. The host registers YijuDb as IPlacesDb; the graph cache is one per process.</summary>
    public static IServiceCollection AddPlaces(this IServiceCollection services)
    {
        services.AddSingleton<NetworkCache>();
        services.AddScoped<ImportNetwork>();
        services.AddScoped<FacilityHandlers>();
        services.AddScoped<ImportPopulation>();
        services.AddScoped<RunAnalysis>();
        services.AddScoped<PlacesQueries>();
        services.AddScoped<PlacesIndicatorFeed>();
        services.AddScoped<IIndicatorFeed>(sp => sp.GetRequiredService<PlacesIndicatorFeed>());
        services.Configure<AuthorizationOptions>(o => o.AddPolicy(PlacesPolicies.Planner,
            p => p.RequireRole(nameof(Role.CityAdmin), nameof(Role.ProgrammeCoordinator), nameof(Role.DepartmentStaff))));
        return services;
    }

    /// <summary>The map and the resident's "within 15 minutes" view are public; importing and running analyses are for planners.</summary>
    public static RazorPagesOptions AddPlacesPageConventions(this RazorPagesOptions options)
    {
        options.Conventions.AllowAnonymousToAreaPage("Places", "/Index");
        options.Conventions.AllowAnonymousToAreaPage("Places", "/Nearby");
        options.Conventions.AuthorizeAreaPage("Places", "/Manage", PlacesPolicies.Planner);
        return options;
    }
}

/// <summary>Who may import data and run analyses: city administrators, programme coordinators and department staff.</summary>
public static class PlacesPolicies
{
    public const string Planner = "places-planner";
}
