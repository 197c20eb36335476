using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Places.Features;

namespace Yiju.Places.Areas.Places.Pages;

/// <summary>The resident's view: what lies within 5, 10 and 15 minutes' walk of a point. Works without JavaScript (GET form).</summary>
public sealed class NearbyModel(PlacesQueries queries, FacilityHandlers facilities) : PageModel
{
    public double? Lat { get; private set; }
    public double? Lon { get; private set; }
    public WithinResult? Result { get; private set; }
    public Failure? Error { get; private set; }
    public IReadOnlyDictionary<string, string> TypeNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGet(double? lat, double? lon, CancellationToken ct)
    {
        var en = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        TypeNames = (await facilities.Types(ct)).ToDictionary(t => t.Code, t => en && t.NameEn is not null ? t.NameEn : t.Name);
        Lat = lat;
        Lon = lon;
        if (lat is { } la && lon is { } lo)
        {
            var outcome = await queries.Within(la, lo, ct);
            Result = outcome.Value;
            Error = outcome.Failure;
        }
    }
}
