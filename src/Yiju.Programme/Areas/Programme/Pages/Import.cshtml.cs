using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Export;
using Yiju.Programme.Features.Import;

namespace Yiju.Programme.Areas.Programme.Pages;

/// <summary>
/// Bulk import for departments and districts: the column layout, the template (.xlsx / .csv), the upload and its report —
/// either what was imported, or every bad row with its reason and nothing imported.
/// </summary>
[RequestSizeLimit(ValueImportRules.MaxFileBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = ValueImportRules.MaxFileBytes + (1024 * 1024))]
public sealed class ImportModel(ImportValues import) : PageModel
{
    public ImportSummary? Imported { get; private set; }

    public string? Message { get; private set; }

    /// <summary>Row number (0 = the file, 1 = the header) → reasons, in row order.</summary>
    public IReadOnlyList<(string Where, string[] Reasons)> RowErrors { get; private set; } = [];

    public bool Submit { get; private set; } = true;

    public IActionResult OnGet() => Allowed() ? Page() : Forbid();

    public async Task<IActionResult> OnGetTemplate(string? format, CancellationToken ct)
    {
        if (!Allowed())
            return Forbid();
        var f = TableExport.Format(format) ?? "xlsx";
        var outcome = await import.Template(f, Caller.From(User), ct);
        return File(outcome.Value.Content, outcome.Value.ContentType, outcome.Value.FileName);
    }

    public async Task<IActionResult> OnPostUpload(IFormFile? file, bool submit, CancellationToken ct)
    {
        if (!Allowed())
            return Forbid();
        Submit = submit;
        if (file is null || file.Length == 0)
            return Refuse(Failure.Invalid("file", "请选择要导入的 .xlsx 或 .csv 文件 (choose a file)"));
        if (file.Length > ValueImportRules.MaxFileBytes)
            return Refuse(Failure.Invalid("file", "文件过大 (file too large)"));
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var outcome = await import.Handle(new ImportCommand(file.FileName, buffer.ToArray(), submit), Caller.From(User), ct);
        if (!outcome.Succeeded)
            return Refuse(outcome.Failure!);
        Imported = outcome.Value;
        return Page();
    }

    private bool Allowed()
    {
        var caller = Caller.From(User);
        return caller.Has(Role.DepartmentStaff) || caller.Has(Role.DistrictStaff);
    }

    private PageResult Refuse(Failure failure)
    {
        Message = failure.Message;
        RowErrors = failure.Errors?.Select(e => (e.Key, e.Value)).ToList() ?? [];
        Response.StatusCode = failure.Kind switch
        {
            FailureKind.Conflict => StatusCodes.Status409Conflict,
            FailureKind.Forbidden => StatusCodes.Status403Forbidden,
            FailureKind.NotFound => StatusCodes.Status404NotFound,
            FailureKind.Invalid => StatusCodes.Status400BadRequest,
        };
        return Page();
    }
}
