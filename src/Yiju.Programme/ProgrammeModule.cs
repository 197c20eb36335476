using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Programme.Features.Import;
using Yiju.Programme.Features.Queries;
using Yiju.Programme.Features.Reporting;
using Yiju.Programme.Features.Seed;

namespace Yiju.Programme;

public static class ProgrammeModule
{
    /// <summary>
    /// Registers the programme's handlers. The host registers YijuDb as IProgrammeDb and an
    /// <see cref="Features.IProgrammeDirectory"/> that answers from the organisation.
    /// </summary>
    public static IServiceCollection AddProgramme(this IServiceCollection services)
    {
        services.AddScoped<ProgrammeSeeder>();
        services.AddScoped<ProgrammeQueries>();
        services.AddScoped<ReportValue>();
        services.AddScoped<ReviewValue>();
        services.AddScoped<ReportingQueues>();
        services.AddScoped<ImportValues>();
        services.AddScoped<Evidence>();
        services.AddScoped<OverdueReports>();
        // A leftover Programme:Reporting:GraceWorkingDays (the grace period is now the evaluation scheme's) stops the
        // start rather than being silently ignored.
        services.AddOptions<ReportingOptions>().BindConfiguration("Programme:Reporting", o => o.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.AddScoped<Features.Evaluation.ProgrammeEvaluation>();
        services.AddScoped<Features.Livability.LivabilityIndexService>();
        services.AddScoped<Features.Reports.QuarterlyReportBuilder>();
        services.AddScoped<Features.Feeds.FeedFigures>();
        services.AddScoped<Features.Feeds.TakeFedFigure>();
        return services;
    }

    /// <summary>Progress against the programme is public; reporting and review are for staff.</summary>
    public static RazorPagesOptions AddProgrammePageConventions(this RazorPagesOptions options)
    {
        options.Conventions.AllowAnonymousToAreaPage("Programme", "/Index");
        options.Conventions.AllowAnonymousToAreaPage("Programme", "/Homes");
        options.Conventions.AllowAnonymousToAreaPage("Programme", "/Tasks");
        options.Conventions.AllowAnonymousToAreaPage("Programme", "/Indicators");
        options.Conventions.AllowAnonymousToAreaPage("Programme", "/Departments");
        options.Conventions.AllowAnonymousToAreaPage("Programme", "/Search");
        options.Conventions.AllowAnonymousToAreaPage("Programme", "/Districts");
        options.Conventions.AllowAnonymousToAreaPage("Programme", "/Evaluation");
        options.Conventions.AllowAnonymousToAreaPage("Programme", "/Livability");
        options.Conventions.AllowAnonymousToAreaPage("Programme", "/Quarterly");
        options.Conventions.AllowAnonymousToAreaPage("Programme", "/Feeds");
        return options;
    }
}
