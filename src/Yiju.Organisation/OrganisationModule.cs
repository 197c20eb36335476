using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Kernel.Geo;
using Yiju.Organisation.Domain;
using Yiju.Organisation.Features;
using Yiju.Organisation.Features.Account;
using Yiju.Organisation.Features.Departments;
using Yiju.Organisation.Features.People;
using Yiju.Organisation.Features.Seed;
using Yiju.Organisation.Features.Units;

namespace Yiju.Organisation;

public static class OrganisationModule
{
    /// <summary>Registers the organisation's handlers. The host registers YijuDb as IOrganisationDb.</summary>
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher<Person>, PasswordHasher<Person>>();
        services.AddSingleton<DistrictLookup>();
        services.AddSingleton<IDistrictLookup>(sp => sp.GetRequiredService<DistrictLookup>());
        services.AddScoped<UnitQueries>();
        services.AddScoped<SaveUnit>();
        services.AddScoped<ImportUnits>();
        services.AddScoped<DepartmentHandlers>();
        services.AddScoped<PeopleHandlers>();
        services.AddScoped<SignIn>();
        services.AddScoped<AccessTokens>();
        services.AddScoped<ChangePassword>();
        services.AddScoped<OrganisationSeeder>();
        return services;
    }

    /// <summary>The organisation's public pages; everything else in the area falls under the host's staff-only fallback policy.</summary>
    public static RazorPagesOptions AddOrganisationPageConventions(this RazorPagesOptions options)
    {
        options.Conventions.AllowAnonymousToAreaPage("Organisation", "/Index");
        options.Conventions.AllowAnonymousToAreaPage("Organisation", "/Units/Detail");
        options.Conventions.AllowAnonymousToAreaPage("Organisation", "/Departments");
        options.Conventions.AuthorizeAreaFolder("Organisation", "/People", Kernel.Security.Policies.Admin);
        options.Conventions.AuthorizeAreaPage("Organisation", "/Import", Kernel.Security.Policies.UnitEditor);
        return options;
    }
}
