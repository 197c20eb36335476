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
        services.AddOptions<PlacesOptions>().BindConfiguration("Places");
        services.AddSingleton<NetworkCache>();
        services.AddSingleton<AnalysisQueue>();
        services.AddScoped<AnalysisJobs>();
        services.AddScoped<FacilityTypeHandlers>();
        // Started only by a host (the web): the CLI builds a plain service provider and runs analyses synchronously.
        services.AddHostedService<AnalysisWorker>();
        services.AddScoped<ImportNetwork>();
        services.AddScoped<FacilityHandlers>();
        services.AddScoped<ImportPopulation>();
        services.AddScoped<RunAnalysis>();
        services.AddScoped<PlacesQueries>();
        services.AddScoped<PlacesIndicatorFeed>();
        services.AddScoped<IIndicatorFeed>(sp => sp.GetRequiredService<PlacesIndicatorFeed>());
        services.Configure<AuthorizationOptions>(o =>
        {
            o.AddPolicy(PlacesPolicies.Planner, p => p.RequireRole(PlacesPolicies.PlannerRoles));
            o.AddPolicy(PlacesPolicies.Standards, p => p.RequireRole(PlacesPolicies.StandardsRoles));
        });
        return services;
    }

    /// <summary>The map and the resident's "within 15 minutes" view are public; importing and running analyses are for planners.</summary>
    public static RazorPagesOptions AddPlacesPageConventions(this RazorPagesOptions options)
    {
        options.Conventions.AllowAnonymousToAreaPage("Places", "/Index");
        options.Conventions.AllowAnonymousToAreaPage("Places", "/Nearby");
        options.Conventions.AllowAnonymousToAreaPage("Places", "/Compare");
        options.Conventions.AuthorizeAreaPage("Places", "/Manage", PlacesPolicies.Planner);
        options.Conventions.AuthorizeAreaPage("Places", "/Job", PlacesPolicies.Planner);
        options.Conventions.AuthorizeAreaPage("Places", "/Facilities", PlacesPolicies.Planner);
        options.Conventions.AuthorizeAreaPage("Places", "/FacilityEdit", PlacesPolicies.Planner);
        options.Conventions.AuthorizeAreaPage("Places", "/Types", PlacesPolicies.Planner);
        options.Conventions.AuthorizeAreaPage("Places", "/TypeEdit", PlacesPolicies.Standards);
        return options;
    }
}

/// <summary>
/// Who may import data, edit facilities and run analyses (planners: city administrators, programme coordinators and
/// department staff), and who may change the facility types' standards, which every later analysis city-wide
/// measures against (city-scoped roles only: administrators and programme coordinators).
/// </summary>
public static class PlacesPolicies
{
    public const string Planner = "places-planner";
    public const string Standards = "places-standards";

    public static readonly string[] PlannerRoles = [nameof(Role.CityAdmin), nameof(Role.ProgrammeCoordinator), nameof(Role.DepartmentStaff)];
    public static readonly string[] StandardsRoles = [nameof(Role.CityAdmin), nameof(Role.ProgrammeCoordinator)];

    public static bool IsPlanner(System.Security.Claims.ClaimsPrincipal user) => PlannerRoles.Any(user.IsInRole);

    public static bool MayEditStandards(System.Security.Claims.ClaimsPrincipal user) => StandardsRoles.Any(user.IsInRole);
}
