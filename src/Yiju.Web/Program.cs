using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Yiju.Data;
using Yiju.Hotline;
using Yiju.Hotline.Api;
using Yiju.Hotline.Features.Access;
using Yiju.Housing;
using Yiju.Housing.Api;
using Yiju.Kernel.Auditing;
using Yiju.Kernel.Calendar;
using Yiju.Organisation;
using Yiju.Organisation.Api;
using Yiju.Places;
using Yiju.Places.Api;
using Yiju.Programme;
using Yiju.Programme.Api;
using Yiju.Programme.Features;
using Yiju.Web.Api;
using Yiju.Web.Infrastructure;
using Yiju.Web.Security;

var builder = WebApplication.CreateBuilder(args);

// A bad provider or connection string stops start-up here, with a message naming the setting.
DatabaseSettings database;
try
{
    database = DatabaseSettings.FromConfiguration(builder.Configuration, Environment.CurrentDirectory);
}
catch (DatabaseConfigurationException e)
{
    Console.Error.WriteLine($"Yiju cannot start: {e.Message}");
    throw;
}

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<OnBehalfOf>();
builder.Services.AddScoped<IAuditActor, HttpAuditActor>();
builder.Services.AddYijuData(database);
builder.Services.AddOrganisation();
builder.Services.AddProgramme();
builder.Services.AddScoped<IProgrammeDirectory, OrganisationProgrammeDirectory>();
builder.Services.AddSingleton<IWorkingCalendar>(ChinaWorkingCalendar.LoadEmbedded());
builder.Services.AddHotline();
builder.Services.AddScoped<IHotlineDirectory, HotlineDirectory>();
builder.Services.AddHousing();
builder.Services.AddScoped<Yiju.Housing.Features.IHousingBureau, HousingBureauDirectory>();
builder.Services.AddPlaces();
builder.Services.AddYijuSecurity(builder.Configuration);
builder.Services.AddLocalization();
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AllowAnonymousToPage("/Index");
    o.Conventions.AllowAnonymousToPage("/Error");
    // Only these account pages are public; an allow-anonymous folder convention would override the pages' own policies.
    o.Conventions.AllowAnonymousToPage("/Account/SignIn");
    o.Conventions.AllowAnonymousToPage("/Account/SignOut");
    o.Conventions.AllowAnonymousToPage("/Account/Denied");
    o.Conventions.AuthorizeFolder("/Admin", Yiju.Kernel.Security.Policies.AuditReader);
    o.AddOrganisationPageConventions();
    o.AddProgrammePageConventions();
    o.AddHotlinePageConventions();
    o.AddHousingPageConventions();
    o.AddPlacesPageConventions();
})
    // Each module's pages are compiled into the module's assembly; name the assemblies rather than rely on discovery.
    .AddApplicationPart(typeof(OrganisationModule).Assembly)
    .AddApplicationPart(typeof(ProgrammeModule).Assembly)
    .AddApplicationPart(typeof(HotlineModule).Assembly)
    .AddApplicationPart(typeof(HousingModule).Assembly)
    .AddApplicationPart(typeof(PlacesModule).Assembly)
    .AddViewLocalization();
builder.Services.AddProblemDetails();
// Chinese text is written as characters, not numeric entities: pages stay small and readable.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "Yiju API";
    doc.Info.Description = "宜居 — Harbin's livable-city platform. Authenticate with a personal access token: Authorization: Bearer yiju_…";
    return Task.CompletedTask;
}));
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();

if (builder.Configuration.GetValue("Database:MigrateOnStart", false))
    await StartupTasks.MigrateAndSeed(app.Services, builder.Configuration, CancellationToken.None);
else
    await StartupTasks.WarnAboutPendingMigrations(app.Services, CancellationToken.None);

var cultures = new[] { new CultureInfo("zh-CN"), new CultureInfo("en") };
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("zh-CN"),
    SupportedCultures = cultures,
    SupportedUICultures = cultures,
    RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()],
});
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // Pages get a friendly error page; the API gets ProblemDetails. Neither shows a stack trace.
    ExceptionHandlingPath = "/Error",
    StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseRequestLogging();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapHealthChecks("/health").AllowAnonymous();
app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
// Anonymous page views are limited per address like the public API; signed-in staff are not limited.
app.MapRazorPages().RequireRateLimiting(SecuritySetup.AnonymousLimit);
app.MapCultureSwitch();
var api = app.MapGroup("/api/v1");
api.MapAccountApi();
api.MapOrganisationApi();
api.MapProgrammeApi();
api.MapHotlineApi();
app.MapOpen311();
api.MapHousingApi();
api.MapPlacesApi();

app.Run();

/// <summary>Exposed for WebApplicationFactory in the integration and browser tests.</summary>
public partial class Program;
