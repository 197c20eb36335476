using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel.Security;
using Yiju.Organisation.Domain;
using Yiju.Organisation.Features.Units;

namespace Yiju.Organisation.Areas.Organisation.Pages;

[Authorize(Policy = Policies.UnitEditor)]
[RequestSizeLimit(ImportUnits.MaxFileBytes + 64 * 1024)]
public sealed class ImportModel(ImportUnits import) : PageModel
{
    public int? Created { get; private set; }
    public IReadOnlyList<ImportError> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPost(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Errors = [new ImportError(0, "请选择一个 CSV 文件 (choose a CSV file)")];
            return Page();
        }
        if (file.Length > ImportUnits.MaxFileBytes)
        {
            Errors = [new ImportError(0, "文件超过 5 MB (file larger than 5 MB)")];
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var outcome = await import.Handle(stream, Caller.From(User), ct);
        if (!outcome.Succeeded)
            return Forbid();
        if (outcome.Value!.Succeeded)
            Created = outcome.Value.Created;
        else
        {
            Errors = outcome.Value.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
