using Microsoft.AspNetCore.Mvc;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Features.Applications;
using Yiju.Housing.Features.Subsidies;

namespace Yiju.Housing.Areas.Housing.Pages.Review;

/// <summary>One application for staff: members (ID numbers masked), history, objections, and the steps the caller may take.</summary>
public sealed class DetailModel(ApplicationQueries queries, ActOnApplication act, Objections objections, SubsidyHandlers subsidies) : HousingPageModel
{
    public ApplicationDetail? Detail { get; private set; }

    public async Task<IActionResult> OnGet(Guid id, CancellationToken ct) => await Load(id, ct);

    public async Task<IActionResult> OnPostAct(Guid id, ProcedureAction action, string? reason, long? version, CancellationToken ct)
    {
        var outcome = await act.Handle(id, action, reason, version, Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(id, ct);
            return Fail(outcome.Failure!);
        }
        Message = $"{outcome.Value!.Number}: {outcome.Value.Status.ChineseName()}";
        return Redirect($"/housing/review/{id}");
    }

    public async Task<IActionResult> OnPostResolve(Guid id, Guid objectionId, bool upheld, string? resolution, CancellationToken ct)
    {
        var outcome = await objections.Resolve(id, objectionId, upheld, resolution, Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(id, ct);
            return Fail(outcome.Failure!);
        }
        Message = "异议已处理 (objection resolved)";
        return Redirect($"/housing/review/{id}");
    }

    public async Task<IActionResult> OnPostSubsidy(Guid id, string? bankName, string? bankAccount, CancellationToken ct)
    {
        var outcome = await subsidies.Open(new OpenAccountCommand(id, bankName, bankAccount), Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(id, ct);
            return Fail(outcome.Failure!);
        }
        Message = $"租赁补贴账户已开立，每月{outcome.Value!.MonthlyYuan}元 (subsidy account opened)";
        return Redirect($"/housing/review/{id}");
    }

    private async Task<IActionResult> Load(Guid id, CancellationToken ct)
    {
        var outcome = await queries.Detail(id, Caller, ct);
        if (!outcome.Succeeded)
            return Fail(outcome.Failure!);
        Detail = outcome.Value;
        return Page();
    }
}
