using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Places.Data;
using Yiju.Places.Domain;
using Yiju.Places.Features;

namespace Yiju.Places.Areas.Places.Pages;

/// <summary>The planner's page: import the OSM network (the same import as `yiju places import-osm`), import facilities, run an analysis.</summary>
[Authorize(Policy = PlacesPolicies.Planner)]
[RequestSizeLimit(ImportNetwork.MaxBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = ImportNetwork.MaxBytes + (1024 * 1024))]
public sealed class ManageModel(IPlacesDb db, ImportNetwork importNetwork, FacilityHandlers facilities, ImportPopulation importPopulation, AnalysisJobs jobs,
    Microsoft.Extensions.Options.IOptions<PlacesOptions> options) : PageModel
{
    public WalkingNetwork? Network { get; private set; }
    public int FacilityCount { get; private set; }
    public int CensusUnits { get; private set; }
    public string? Message { get; private set; }
    public Failure? Error { get; private set; }
    public IReadOnlyList<JobView> Jobs { get; private set; } = [];

    public async Task OnGet(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostNetwork(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Error = Failure.Invalid("file", "请选择 OSM 文件 (choose an OSM file)");
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var outcome = await importNetwork.Import(stream, file.FileName, User.Identity?.Name ?? "web", null, ct);
            if (outcome.Failure is { } f)
                Error = f;
            else
                Message = $"{outcome.Value!.Vertices:N0} / {outcome.Value.Edges:N0} / {outcome.Value.EstimatedUnits:N0} / {outcome.Value.EstimatedPeople:N0}";
        }

        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFacilities(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Error = Failure.Invalid("file", "请选择 GeoJSON 或 CSV 文件 (choose a GeoJSON or CSV file)");
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var outcome = await facilities.Import(stream, file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "geojson", ct);
            if (outcome.Failure is { } f)
                Error = f;
            else
                Message = $"+{outcome.Value!.Created} ({outcome.Value.AlreadyPresent} already present)";
        }

        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPopulation(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Error = Failure.Invalid("file", "请选择 CSV 文件 (choose a CSV file)");
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var outcome = await importPopulation.Import(stream, file.FileName, ct);
            if (outcome.Failure is { } f)
                Error = f;
            else
                Message = $"{outcome.Value!.Units:N0} / {outcome.Value.People:N0}";
        }

        await Load(ct);
        return Page();
    }

    /// <summary>Queues the analysis and shows its progress page; the background worker runs it (it takes seconds to minutes).</summary>
    public async Task<IActionResult> OnPostRun(int? sites, CancellationToken ct)
    {
        var outcome = await jobs.Queue(new AnalysisParameters(options.Value.MaxSnapDistance, sites ?? 3), User.Identity?.Name ?? "web", ct);
        if (outcome.Failure is { } f)
        {
            Error = f;
            await Load(ct);
            return Page();
        }

        return Redirect($"/places/jobs/{outcome.Value!.Id}");
    }

    private async Task Load(CancellationToken ct)
    {
        Network = await db.WalkingNetworks.AsNoTracking().OrderByDescending(n => n.Id)
            .Select(n => new WalkingNetwork { Id = n.Id, FileName = n.FileName, Sha256 = n.Sha256, Content = Array.Empty<byte>(), VertexCount = n.VertexCount, EdgeCount = n.EdgeCount, EstimatedUnits = n.EstimatedUnits, ImportedAt = n.ImportedAt, ImportedBy = n.ImportedBy })
            .FirstOrDefaultAsync(ct);
        FacilityCount = await db.Facilities.CountAsync(ct);
        CensusUnits = await db.PopulationUnits.CountAsync(p => !p.IsEstimate, ct);
        Jobs = await jobs.Recent(10, ct);
    }
}
