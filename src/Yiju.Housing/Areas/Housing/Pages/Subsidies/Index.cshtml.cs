using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Yiju.Housing.Domain.Subsidies;
using Yiju.Housing.Export;
using Yiju.Housing.Features.Subsidies;

namespace Yiju.Housing.Areas.Housing.Pages.Subsidies;

/// <summary>Rental subsidy accounts, the monthly run and the bank's payment files (bureau only).</summary>
public sealed class IndexModel(SubsidyHandlers subsidies) : HousingPageModel
{
    public IReadOnlyList<AccountView> Accounts { get; private set; } = [];
    public IReadOnlyList<(string BatchId, DateOnly Month, int Count)> Batches { get; private set; } = [];

    [BindProperty]
    public string? Month { get; set; }

    public async Task<IActionResult> OnGet(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostRun(CancellationToken ct)
    {
        if (!DateOnly.TryParseExact((Month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            await Load(ct);
            return Fail(Kernel.Failure.Invalid("month", "请选择发放月份 (choose a month)"));
        }
        var outcome = await subsidies.Run(month, Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(ct);
            return Fail(outcome.Failure!);
        }
        var r = outcome.Value!;
        Message = string.Create(CultureInfo.InvariantCulture, $"{r.BatchId}: {r.Paid}户，合计{r.TotalYuan}元 ({r.Paid} paid)");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSuspend(Guid accountId, bool suspend, string? reason, CancellationToken ct)
    {
        var outcome = await subsidies.Suspend(accountId, suspend, reason, Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(ct);
            return Fail(outcome.Failure!);
        }
        return RedirectToPage();
    }

    /// <summary>The bank file of one batch: .csv (UTF-8 with BOM) or .xlsx.</summary>
    public async Task<IActionResult> OnGetFile(string batch, string format, CancellationToken ct)
    {
        var outcome = await subsidies.Batch(batch, Caller, ct);
        if (!outcome.Succeeded)
        {
            await Load(ct);
            return Fail(outcome.Failure!);
        }
        using var ms = new MemoryStream();
        if (string.Equals(format, "xlsx", StringComparison.Ordinal))
        {
            SubsidyPaymentWorkbook.Write(outcome.Value!, ms);
            return File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{batch}.xlsx");
        }
        SubsidyPayments.WriteCsv(outcome.Value!, ms);
        return File(ms.ToArray(), "text/csv; charset=utf-8", $"{batch}.csv");
    }

    private async Task<IActionResult> Load(CancellationToken ct)
    {
        var outcome = await subsidies.Accounts(Caller, ct);
        if (!outcome.Succeeded)
            return Fail(outcome.Failure!);
        Accounts = outcome.Value!;
        Batches = await subsidies.Batches(ct);
        return Page();
    }
}
