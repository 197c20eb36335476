using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Programme.Features.Reports;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>
/// The quarterly progress report of the whole programme or one home: a printable page, and the same report as PDF
/// (?handler=Pdf) and .xlsx (?handler=Xlsx). Public, like the overview: only approved values appear.
/// </summary>
public sealed class QuarterlyModel(QuarterlyReportBuilder builder) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Quarter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Home { get; set; }

    public QuarterlyReport Report { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var outcome = await builder.Build(Quarter, Home, ct);
        if (!outcome.Succeeded)
            return Refused(outcome.Failure!);
        Report = outcome.Value!;
        return Page();
    }

    public async Task<IActionResult> OnGetPdf(CancellationToken ct)
    {
        var outcome = await builder.Build(Quarter, Home, ct);
        if (!outcome.Succeeded)
            return Refused(outcome.Failure!);
        try
        {
            return File(QuarterlyReportPdf.Render(outcome.Value!), "application/pdf", outcome.Value!.FileName + ".pdf");
        }
        catch (PdfFontMissingException e)
        {
            return new ContentResult { StatusCode = StatusCodes.Status503ServiceUnavailable, Content = e.Message, ContentType = "text/plain; charset=utf-8" };
        }
    }

    public async Task<IActionResult> OnGetXlsx(CancellationToken ct)
    {
        var outcome = await builder.Build(Quarter, Home, ct);
        if (!outcome.Succeeded)
            return Refused(outcome.Failure!);
        return File(QuarterlyReportWorkbook.Render(outcome.Value!), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", outcome.Value!.FileName + ".xlsx");
    }

    private ContentResult Refused(Failure failure) => new()
    {
        StatusCode = failure.Kind == FailureKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest,
        Content = failure.Message,
        ContentType = "text/plain; charset=utf-8",
    };
}
