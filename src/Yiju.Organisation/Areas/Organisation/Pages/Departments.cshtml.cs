using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Organisation.Domain;
using Yiju.Organisation.Features.Departments;

namespace Yiju.Organisation.Areas.Organisation.Pages;

/// <summary>Public list of departments; administrators edit them in place.</summary>
public sealed class DepartmentsModel(DepartmentHandlers handlers) : PageModel
{
    public IReadOnlyList<DepartmentSummary> Departments { get; private set; } = [];
    public bool IsAdmin { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGet(CancellationToken ct)
    {
        Departments = await handlers.List(ct);
        IsAdmin = OrganisationRules.IsAdmin(User.Grants());
    }

    public async Task<IActionResult> OnPost(long? id, string? code, string? name, string? nameEn, bool active, int? version, CancellationToken ct)
    {
        var outcome = await handlers.Save(new SaveDepartmentCommand(id, code ?? "", name ?? "", nameEn, active, version), Caller.From(User), ct);
        if (outcome.Succeeded)
            return RedirectToPage();
        if (outcome.Failure!.Kind == FailureKind.Forbidden)
            return Forbid();
        Errors.Add(outcome.Failure.Message);
        if (outcome.Failure.Errors is { } errors)
            Errors.AddRange(errors.SelectMany(e => e.Value));
        Response.StatusCode = outcome.Failure.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        await OnGet(ct);
        return Page();
    }
}
