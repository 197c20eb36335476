using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Organisation.Domain;
using Yiju.Organisation.Features.Units;

namespace Yiju.Organisation.Areas.Organisation.Pages.Units;

/// <summary>One unit: public to read; the edit and add forms appear only where the person's scope covers the unit.</summary>
public sealed class DetailModel(UnitQueries queries, SaveUnit save, IAuthorizationService authorization) : PageModel
{
    public UnitDetail? Detail { get; private set; }
    public bool CanEdit { get; private set; }
    public bool CanAddChild { get; private set; }
    public List<string> Errors { get; } = [];

    [TempData]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGet(string code, CancellationToken ct) =>
        await Load(code, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEdit(string code, string? name, string? nameEn, int? version, CancellationToken ct)
    {
        if (!await Load(code, ct))
            return NotFound();
        if (!CanEdit)
            return Forbid();
        var outcome = await save.Handle(new SaveUnitCommand(code, code, name ?? "", nameEn, null, Detail!.Unit.Level, version), Caller.From(User), ct);
        return await After(outcome, code, ct);
    }

    public async Task<IActionResult> OnPostAdd(string code, string? childCode, string? childName, string? childNameEn, CancellationToken ct)
    {
        if (!await Load(code, ct))
            return NotFound();
        if (!CanAddChild)
            return Forbid();
        var level = Unit.ChildLevelOf(Detail!.Unit.Level)!.Value;
        var outcome = await save.Handle(new SaveUnitCommand(null, childCode ?? "", childName ?? "", childNameEn, code, level, null), Caller.From(User), ct);
        return await After(outcome, code, ct);
    }

    private async Task<IActionResult> After(Outcome<UnitSummary> outcome, string code, CancellationToken ct)
    {
        if (outcome.Succeeded)
        {
            Saved = true;
            return RedirectToPage(new { code });
        }
        if (outcome.Failure!.Kind == FailureKind.Forbidden)
            return Forbid();
        Errors.Add(outcome.Failure.Message);
        if (outcome.Failure.Errors is { } errors)
            Errors.AddRange(errors.SelectMany(e => e.Value));
        await Load(code, ct);
        Response.StatusCode = outcome.Failure.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> Load(string code, CancellationToken ct)
    {
        Detail = await queries.Get(code, ct);
        if (Detail is null)
            return false;
        var u = Detail.Unit;
        CanEdit = (await authorization.AuthorizeAsync(User, new UnitResource(u.Level, u.Path), ManageUnitRequirement.Instance)).Succeeded;
        CanAddChild = Unit.ChildLevelOf(u.Level) is UnitLevel.Street or UnitLevel.Community
            && (await authorization.AuthorizeAsync(User, new UnitResource(Unit.ChildLevelOf(u.Level)!.Value, u.Path), ManageUnitRequirement.Instance)).Succeeded;
        return true;
    }
}
