using System.Globalization;
using System.Text;

namespace Yiju.Housing.Domain.Subsidies;

public enum SubsidyAccountStatus
{
    Active = 0,
    Suspended = 1,

    /// <summary>Ended on exit from the scheme; never paid again.</summary>
    Ended = 2,
}

public enum SubsidyHistoryKind
{
    Started = 0,
    AmountChanged = 1,
    Suspended = 2,
    Resumed = 3,
    Ended = 4,
    Paid = 5,
}

/// <summary>One line of a household's subsidy history, kept for as long as the account exists.</summary>
public sealed class SubsidyHistoryEntry
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public DateTime AtUtc { get; set; }
    public SubsidyHistoryKind Kind { get; set; }

    /// <summary>For payments and starts: the month (first day) it concerns.</summary>
    public DateOnly? Month { get; set; }

    public long AmountFen { get; set; }
    public string? Reason { get; set; }
    public string? BatchId { get; set; }
}

/// <summary>A household's rental-subsidy account: who is paid, how much, and everything that happened to it.</summary>
public sealed class SubsidyAccount
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid HouseholdId { get; set; }
    public string DistrictCode { get; set; } = "";
    public string PayeeName { get; set; } = "";
    public string PayeeIdNumber { get; set; } = "";
    public string BankName { get; set; } = "";
    public string BankAccount { get; set; } = "";
    public long MonthlyAmountFen { get; set; }
    public SubsidyAccountStatus Status { get; set; }

    /// <summary>First month paid (always the 1st of a month).</summary>
    public DateOnly StartMonth { get; set; }

    public long Version { get; set; }
    public List<SubsidyHistoryEntry> History { get; set; } = [];

    public static SubsidyAccount Open(Guid applicationId, Guid householdId, string districtCode, string payeeName, string payeeIdNumber,
        string bankName, string bankAccount, long monthlyAmountFen, DateOnly startMonth, DateTime nowUtc)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(monthlyAmountFen);
        var account = new SubsidyAccount
        {
            Id = Guid.NewGuid(),
            ApplicationId = applicationId,
            HouseholdId = householdId,
            DistrictCode = districtCode,
            PayeeName = payeeName,
            PayeeIdNumber = payeeIdNumber,
            BankName = bankName,
            BankAccount = bankAccount,
            MonthlyAmountFen = monthlyAmountFen,
            StartMonth = new DateOnly(startMonth.Year, startMonth.Month, 1),
            Status = SubsidyAccountStatus.Active,
        };
        account.Log(SubsidyHistoryKind.Started, nowUtc, monthlyAmountFen, account.StartMonth, null, null);
        return account;
    }

    public Reason? ChangeAmount(long newMonthlyFen, string reason, DateTime nowUtc)
    {
        if (Status == SubsidyAccountStatus.Ended)
        {
            return new("subsidy_ended", "补贴已终止，不能调整金额");
        }
        if (newMonthlyFen <= 0)
        {
            return new("subsidy_amount_invalid", "补贴金额必须大于0");
        }
        MonthlyAmountFen = newMonthlyFen;
        Log(SubsidyHistoryKind.AmountChanged, nowUtc, newMonthlyFen, null, reason, null);
        return null;
    }

    /// <summary>Stops payment while a question is investigated (e.g. the annual re-check is overdue).</summary>
    public Reason? Suspend(string reason, DateTime nowUtc)
    {
        if (Status != SubsidyAccountStatus.Active)
        {
            return new("subsidy_not_active", "补贴不在发放中，不能暂停");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new("reason_required", "暂停补贴必须填写理由");
        }
        Status = SubsidyAccountStatus.Suspended;
        Log(SubsidyHistoryKind.Suspended, nowUtc, 0, null, reason, null);
        return null;
    }

    public Reason? Resume(string reason, DateTime nowUtc)
    {
        if (Status != SubsidyAccountStatus.Suspended)
        {
            return new("subsidy_not_suspended", "补贴未暂停，无需恢复");
        }
        Status = SubsidyAccountStatus.Active;
        Log(SubsidyHistoryKind.Resumed, nowUtc, 0, null, reason, null);
        return null;
    }

    /// <summary>On exit from the scheme (年审退出, withdrawal): the account is closed for good.</summary>
    public Reason? End(string reason, DateTime nowUtc)
    {
        if (Status == SubsidyAccountStatus.Ended)
        {
            return new("subsidy_ended", "补贴已终止");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new("reason_required", "终止补贴必须填写理由");
        }
        Status = SubsidyAccountStatus.Ended;
        Log(SubsidyHistoryKind.Ended, nowUtc, 0, null, reason, null);
        return null;
    }

    public bool WasPaidFor(DateOnly month) => History.Any(h => h.Kind == SubsidyHistoryKind.Paid && h.Month == month);

    internal void RecordPayment(DateOnly month, string batchId, DateTime nowUtc) =>
        Log(SubsidyHistoryKind.Paid, nowUtc, MonthlyAmountFen, month, null, batchId);

    private void Log(SubsidyHistoryKind kind, DateTime nowUtc, long amount, DateOnly? month, string? reason, string? batchId)
    {
        History.Add(new SubsidyHistoryEntry
        {
            Id = Guid.NewGuid(),
            AccountId = Id,
            AtUtc = nowUtc,
            Kind = kind,
            Month = month,
            AmountFen = amount,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            BatchId = batchId,
        });
        Version++;
    }
}

public sealed record SubsidyPaymentRow(int Serial, string BatchId, Guid AccountId, string PayeeName, string PayeeIdNumber,
    string BankName, string BankAccount, long AmountFen, DateOnly Month);

/// <summary>The monthly payment run and the file handed to the paying bank.</summary>
public static class SubsidyPayments
{
    /// <summary>
    /// One row per active account that started on or before <paramref name="month"/> and has not been paid for it;
    /// each paid account records the payment in its history, so re-running a month pays nobody twice.
    /// </summary>
    public static IReadOnlyList<SubsidyPaymentRow> BuildRun(IEnumerable<SubsidyAccount> accounts, DateOnly month, string batchId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var first = new DateOnly(month.Year, month.Month, 1);
        var rows = new List<SubsidyPaymentRow>();
        foreach (var a in accounts.OrderBy(a => a.DistrictCode, StringComparer.Ordinal).ThenBy(a => a.PayeeIdNumber, StringComparer.Ordinal))
        {
            if (a.Status != SubsidyAccountStatus.Active || a.StartMonth > first || a.WasPaidFor(first))
            {
                continue;
            }
            a.RecordPayment(first, batchId, nowUtc);
            rows.Add(new SubsidyPaymentRow(rows.Count + 1, batchId, a.Id, a.PayeeName, a.PayeeIdNumber, a.BankName, a.BankAccount, a.MonthlyAmountFen, first));
        }
        return rows;
    }

    public const string CsvHeader = "序号,批次号,收款人姓名,身份证号码,开户银行,银行账号,金额(元),所属月份";

    /// <summary>
    /// CSV as banks' bulk-payment imports take it: UTF-8 with a byte-order mark (so Excel shows Chinese), CRLF,
    /// RFC 4180 quoting, and text that starts like a formula prefixed with an apostrophe so a spreadsheet never runs it.
    /// Account and ID numbers are quoted text so Excel does not turn them into floating-point numbers.
    /// </summary>
    public static void WriteCsv(IEnumerable<SubsidyPaymentRow> rows, Stream output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var w = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        w.WriteLine(CsvHeader);
        var ci = CultureInfo.InvariantCulture;
        foreach (var r in rows)
        {
            w.WriteLine(string.Join(',',
                r.Serial.ToString(ci),
                Cell(r.BatchId),
                Cell(r.PayeeName),
                Cell(r.PayeeIdNumber, forceQuote: true),
                Cell(r.BankName),
                Cell(r.BankAccount, forceQuote: true),
                Fen.ToYuan(r.AmountFen),
                r.Month.ToString("yyyy-MM", ci)));
        }
    }

    internal static string Cell(string value, bool forceQuote = false)
    {
        var v = value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        var quote = forceQuote || v.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        return quote ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }
}
