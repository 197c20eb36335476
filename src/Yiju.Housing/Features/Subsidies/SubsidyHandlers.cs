using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Data;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Domain.Subsidies;
using Yiju.Housing.Features.Applications;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Housing.Features.Subsidies;

public sealed record OpenAccountCommand(Guid ApplicationId, string? BankName, string? BankAccount);

public sealed record AccountView(Guid Id, string ApplicationNumber, string DistrictCode, string PayeeName, string PayeeIdMasked, string BankName,
    string BankAccountMasked, string MonthlyYuan, [property: JsonConverter(typeof(JsonStringEnumConverter<SubsidyAccountStatus>))] SubsidyAccountStatus Status, DateOnly StartMonth, int Payments);

public sealed record HistoryView(DateTime AtUtc, [property: JsonConverter(typeof(JsonStringEnumConverter<SubsidyHistoryKind>))] SubsidyHistoryKind Kind, DateOnly? Month, string AmountYuan, string? Reason, string? BatchId);

public sealed record RunResult(string BatchId, DateOnly Month, int Paid, string TotalYuan);

/// <summary>
/// Rental subsidies (租赁补贴): the bureau opens an account for an eligible subsidy household with the amount the rules
/// give, suspends or resumes it, and runs each month once; the run's rows become the bank's payment file.
/// </summary>
public sealed class SubsidyHandlers(IHousingDb db, HousingAccess access, ApplicationProcedure procedure, TimeProvider clock)
{
    public async Task<Outcome<AccountView>> Open(OpenAccountCommand command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await access.Bureau(caller, ct) is not { } bureau)
            return Failure.Forbidden("只有市住建局可以发放租赁补贴 (housing bureau only)");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.BankName) || command.BankName.Length > 100)
            errors["bankName"] = ["请填写开户银行 (bank required)"];
        var account = command.BankAccount?.Replace(" ", "", StringComparison.Ordinal) ?? "";
        if (account.Length is < 8 or > 40 || !account.All(char.IsAsciiDigit))
            errors["bankAccount"] = ["银行账号应为8至40位数字 (8–40 digits)"];
        if (errors.Count > 0)
            return Failure.Invalid("账户信息有误 (invalid account)", errors);
        var app = await ActOnApplication.Load(db, command.ApplicationId, ct);
        if (app is null)
            return Failure.NotFound("申请不存在 (no such application)");
        if (await db.SubsidyAccounts.AnyAsync(a => a.ApplicationId == app.Id, ct))
            return Failure.Conflict("该申请已有补贴账户 (already has an account)");
        var rules = await db.SubsidyRules.AsNoTracking().Include(r => r.RentStandards).Include(r => r.IncomeBands).AsSplitQuery()
            .OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        if (rules is null)
            return Failure.Invalid("rules", "尚未设定租赁补贴标准 (no subsidy rules)");
        var quote = rules.Quote(app.DistrictCode, app.HouseholdSize, app.HouseholdSize == 0 ? 0 : app.TotalMonthlyIncomeFen / app.HouseholdSize, app.CurrentHousingAreaM2);
        if (!quote.Granted)
            return Failure.Invalid(quote.Refusal!.Code, quote.Refusal.Text);
        var now = clock.GetUtcNow().UtcDateTime;
        var r = procedure.Apply(app, new ProcedureCommand(ProcedureAction.StartSubsidy), bureau, now);
        if (!r.Succeeded)
            return HousingAccess.ToFailure(r.Refusal!);
        var today = ChinaTime.Today(now);
        var opened = SubsidyAccount.Open(app.Id, app.HouseholdId, app.DistrictCode, app.Applicant!.Name, app.Applicant.IdNumber,
            command.BankName!.Trim(), account, quote.MonthlyFen, new DateOnly(today.Year, today.Month, 1), now);
        opened.History[^1].Reason = quote.Explanation;
        db.SubsidyAccounts.Add(opened);
        await db.SaveChangesAsync(ct);
        return View(opened, app.Number);
    }

    public async Task<Outcome<List<AccountView>>> Accounts(Caller caller, CancellationToken ct)
    {
        if (await access.Bureau(caller, ct) is null)
            return Failure.Forbidden("只有市住建局可以查看补贴账户 (housing bureau only)");
        var accounts = await db.SubsidyAccounts.AsNoTracking().Include(a => a.History).OrderBy(a => a.DistrictCode).ThenBy(a => a.PayeeName).ToListAsync(ct);
        var ids = accounts.Select(a => a.ApplicationId).ToList();
        var numbers = await db.HousingApplications.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Number, ct);
        return accounts.Select(a => View(a, numbers.GetValueOrDefault(a.ApplicationId, ""))).ToList();
    }

    public async Task<Outcome<List<HistoryView>>> History(Guid accountId, Caller caller, CancellationToken ct)
    {
        if (await access.Bureau(caller, ct) is null)
            return Failure.Forbidden("只有市住建局可以查看补贴账户 (housing bureau only)");
        var a = await db.SubsidyAccounts.AsNoTracking().Include(x => x.History).FirstOrDefaultAsync(x => x.Id == accountId, ct);
        if (a is null)
            return Failure.NotFound("账户不存在 (no such account)");
        return a.History.OrderBy(h => h.AtUtc).Select(h => new HistoryView(h.AtUtc, h.Kind, h.Month, Fen.ToYuan(h.AmountFen), h.Reason, h.BatchId)).ToList();
    }

    public async Task<Outcome<SubsidyAccountStatus>> Suspend(Guid accountId, bool suspend, string? reason, Caller caller, CancellationToken ct)
    {
        if (await access.Bureau(caller, ct) is null)
            return Failure.Forbidden("只有市住建局可以暂停或恢复补贴 (housing bureau only)");
        if (string.IsNullOrWhiteSpace(reason))
            return Failure.Invalid("reason", "请填写原因 (reason required)");
        var a = await db.SubsidyAccounts.Include(x => x.History).FirstOrDefaultAsync(x => x.Id == accountId, ct);
        if (a is null)
            return Failure.NotFound("账户不存在 (no such account)");
        var now = clock.GetUtcNow().UtcDateTime;
        if ((suspend ? a.Suspend(reason.Trim(), now) : a.Resume(reason.Trim(), now)) is { } refused)
            return Failure.Invalid(refused.Code, refused.Text);
        await db.SaveChangesAsync(ct);
        return a.Status;
    }

    /// <summary>Pays every active account once for the month; a second run of the same month pays nobody twice.</summary>
    public async Task<Outcome<RunResult>> Run(DateOnly month, Caller caller, CancellationToken ct)
    {
        if (await access.Bureau(caller, ct) is null)
            return Failure.Forbidden("只有市住建局可以发放补贴 (housing bureau only)");
        var now = clock.GetUtcNow().UtcDateTime;
        var first = new DateOnly(month.Year, month.Month, 1);
        var batch = string.Create(CultureInfo.InvariantCulture, $"BT{first:yyyyMM}-{now:yyyyMMddHHmmss}");
        var accounts = await db.SubsidyAccounts.Include(a => a.History).Where(a => a.Status == SubsidyAccountStatus.Active).ToListAsync(ct);
        var rows = SubsidyPayments.BuildRun(accounts, first, batch, now);
        await db.SaveChangesAsync(ct);
        return new RunResult(batch, first, rows.Count, Fen.ToYuan(rows.Sum(r => r.AmountFen)));
    }

    /// <summary>The rows of one payment batch, rebuilt from the accounts' history so a file can be downloaded again.</summary>
    public async Task<Outcome<List<SubsidyPaymentRow>>> Batch(string batchId, Caller caller, CancellationToken ct)
    {
        if (await access.Bureau(caller, ct) is null)
            return Failure.Forbidden("只有市住建局可以下载发放文件 (housing bureau only)");
        var paid = await db.SubsidyAccounts.AsNoTracking().Include(a => a.History)
            .Where(a => a.History.Any(h => h.BatchId == batchId && h.Kind == SubsidyHistoryKind.Paid)).ToListAsync(ct);
        if (paid.Count == 0)
            return Failure.NotFound("没有该批次 (no such batch)");
        return paid.Select(a => (a, h: a.History.First(h => h.BatchId == batchId && h.Kind == SubsidyHistoryKind.Paid)))
            .OrderBy(x => x.a.DistrictCode, StringComparer.Ordinal).ThenBy(x => x.a.PayeeIdNumber, StringComparer.Ordinal)
            .Select((x, i) => new SubsidyPaymentRow(i + 1, batchId, x.a.Id, x.a.PayeeName, x.a.PayeeIdNumber, x.a.BankName, x.a.BankAccount, x.h.AmountFen, x.h.Month!.Value))
            .ToList();
    }

    /// <summary>Batches paid so far, newest first.</summary>
    public async Task<List<(string BatchId, DateOnly Month, int Count)>> Batches(CancellationToken ct)
    {
        var entries = await db.SubsidyAccounts.AsNoTracking().SelectMany(a => a.History)
            .Where(h => h.Kind == SubsidyHistoryKind.Paid && h.BatchId != null).Select(h => new { h.BatchId, h.Month }).ToListAsync(ct);
        return entries.GroupBy(e => e.BatchId!).Select(g => (g.Key, g.First().Month!.Value, g.Count())).OrderByDescending(x => x.Key, StringComparer.Ordinal).ToList();
    }

    private static AccountView View(SubsidyAccount a, string number) =>
        new(a.Id, number, a.DistrictCode, a.PayeeName, ChineseIdNumber.Mask(a.PayeeIdNumber), a.BankName,
            a.BankAccount.Length > 4 ? new string('*', a.BankAccount.Length - 4) + a.BankAccount[^4..] : a.BankAccount,
            Fen.ToYuan(a.MonthlyAmountFen), a.Status, a.StartMonth, a.History.Count(h => h.Kind == SubsidyHistoryKind.Paid));
}
