using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Api;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Kpi;
using Yiju.Kernel;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>话务量: calls offered and answered per day, recorded or imported by the centre; the month's call-answer rate.</summary>
public sealed class CallsModel(CallRecords calls, IHotlineDirectory directory, TimeProvider clock) : HotlinePageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public CallMonth? Data { get; private set; }
    public bool CanEdit { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var failure = await Load(ct);
        return failure is null ? Page() : ForbidOr(failure);
    }

    public async Task<IActionResult> OnPostRecord(DateOnly? day, int? offered, int? answered, int? version, CancellationToken ct)
    {
        var outcome = await calls.Record(new RecordCalls(day, offered, answered, version), Caller, ct);
        return await After(outcome.Failure, ct);
    }

    public async Task<IActionResult> OnPostImport(string? csv, CancellationToken ct)
    {
        var outcome = await calls.Import(csv, Caller, ct);
        if (outcome.Succeeded)
            Message = string.Format(System.Globalization.CultureInfo.InvariantCulture, "已导入：新增 {0} 天，更新 {1} 天 (imported: {0} added, {1} updated)", outcome.Value!.Added, outcome.Value.Updated);
        return await After(outcome.Failure, ct);
    }

    private async Task<IActionResult> After(Failure? failure, CancellationToken ct)
    {
        if (failure is { Kind: FailureKind.Forbidden })
            return Forbid();
        if (failure is null && Message is null)
            return Redirect($"/hotline/calls?month={Uri.EscapeDataString(Month ?? string.Empty)}");
        await Load(ct);
        if (failure is not null)
            Show(failure);
        return Page();
    }

    private async Task<Failure?> Load(CancellationToken ct)
    {
        if (!HotlineApi.TryMonth(Month, clock, out var month))
            return Failure.Invalid("month", "月份格式应为 yyyy-MM (month must be yyyy-MM)");
        var outcome = await calls.Month(month, Caller, ct);
        if (!outcome.Succeeded)
            return outcome.Failure;
        Data = outcome.Value;
        Month = Data!.Month;
        CanEdit = await directory.ActorFor(Caller, ct) is { } actor && TicketScope.IsCentre(actor);
        return null;
    }
}
