using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yiju.Housing.Features;
using Yiju.Kernel.Calendar;

namespace Yiju.Housing;

public static class HousingModule
{
    /// <summary>Registers the housing handlers. The host registers YijuDb as IHousingDb and an IHousingBureau.</summary>
    public static IServiceCollection AddHousing(this IServiceCollection services)
    {
        services.TryAddSingleton<IWorkingCalendar>(_ => ChinaWorkingCalendar.LoadEmbedded());
        services.AddScoped<HousingSeeder>();
        return services;
    }
}
