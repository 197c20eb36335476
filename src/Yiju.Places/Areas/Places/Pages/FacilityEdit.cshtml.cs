using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Places.Domain;
using Yiju.Places.Features;

namespace Yiju.Places.Areas.Places.Pages;

/// <summary>
/// Add or edit one facility. The point is picked by clicking the map (or typed); after saving, the page says how far it
/// lies from the walking network and flags it when farther than the set distance, since the analysis leaves such a
/// facility out rather than move it.
/// </summary>
public sealed class FacilityEditModel(FacilityHandlers facilities) : PageModel
{
    public IReadOnlyList<FacilityType> Types { get; private set; } = [];
    public long? Id { get; private set; }
    public FacilityForm Form { get; private set; } = new();
    public NetworkCheck? Check { get; private set; }
    public Failure? Error { get; private set; }
    public bool Saved { get; private set; }

    public sealed class FacilityForm
    {
        public string? TypeCode { get; set; }
        public string? Name { get; set; }
        public string? Address { get; set; }
        public string? Capacity { get; set; }
        public string? Latitude { get; set; }
        public string? Longitude { get; set; }
        public int? Version { get; set; }
    }

    public async Task<IActionResult> OnGet(long? id, bool? saved, CancellationToken ct)
    {
        Types = await facilities.Types(ct);
        Saved = saved == true;
        if (id is { } existing)
        {
            var f = await facilities.Get(existing, ct);
            if (f is null)
                return NotFound();
            Id = existing;
            Form = new FacilityForm
            {
                TypeCode = f.TypeCode,
                Name = f.Name,
                Address = f.Address,
                Capacity = f.Capacity?.ToString(CultureInfo.InvariantCulture),
                Latitude = f.Latitude.ToString("R", CultureInfo.InvariantCulture),
                Longitude = f.Longitude.ToString("R", CultureInfo.InvariantCulture),
                Version = f.Version,
            };
            Check = (await facilities.Check(f.Latitude, f.Longitude, ct)).Value;
        }

        return Page();
    }

    public async Task<IActionResult> OnPost(long? id, FacilityForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        Types = await facilities.Types(ct);
        Id = id;
        Form = form;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var lat = Number(form.Latitude, "latitude", errors);
        var lon = Number(form.Longitude, "latitude", errors);
        var capacity = string.IsNullOrWhiteSpace(form.Capacity) ? null : Number(form.Capacity, "capacity", errors);
        if (errors.Count > 0)
        {
            Error = Failure.Invalid("设施信息有误 (the facility has errors)", errors);
            return Page();
        }

        var outcome = await facilities.Save(id, form.Version, form.TypeCode, form.Name, lat, lon, capacity, form.Address, ct);
        if (outcome.Failure is { } f)
        {
            if (f.Kind == FailureKind.NotFound)
                return NotFound();
            Error = f;
            Response.StatusCode = f.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect($"/places/facilities/edit/{outcome.Value!.Facility.Id}?saved=true");
    }

    private static double? Number(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            return v;
        errors[field] = [field == "capacity" ? "容量须为数字 (capacity must be a number)" : "请在地图上选点或填写有效坐标 (pick the point on the map or enter valid coordinates)"];
        return null;
    }
}
