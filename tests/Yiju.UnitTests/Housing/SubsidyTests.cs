using System.Text;
using Yiju.Housing.Domain.Subsidies;

namespace Yiju.UnitTests.Housing;

public class SubsidyTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

    private static SubsidyRules Rules() => new()
    {
        Version = 1,
        AreaStandardPerHeadM2 = 15,
        MaxCountedPersons = 4,
        MinimumMonthlyFen = 50_00,
        MaximumMonthlyFen = 1_200_00,
        RentStandards = [new() { DistrictCode = "230102", MonthlyRentPerM2Fen = 18_00 }, new() { DistrictCode = "230111", MonthlyRentPerM2Fen = 10_00 }],
        IncomeBands = [new() { MaxIncomePerHeadFen = 1_000_00, SubsidyPermille = 1000 }, new() { MaxIncomePerHeadFen = 2_000_00, SubsidyPermille = 600 }],
    };

    [Fact]
    public void Amount_follows_size_income_band_and_district_rent()
    {
        // 18.00 yuan/m² × (15 × 3 − 10) m² × 100% = 630.00
        var low = Rules().Quote("230102", 3, 900_00, 10);
        Assert.True(low.Granted);
        Assert.Equal(630_00, low.MonthlyFen);
        Assert.Contains("= 630.00元", low.Explanation, StringComparison.Ordinal);

        // same household in the second band: 60% → 378.00
        Assert.Equal(378_00, Rules().Quote("230102", 3, 1_500_00, 10).MonthlyFen);
        // cheaper district: 10.00 × 35 × 60% = 210.00
        Assert.Equal(210_00, Rules().Quote("230111", 3, 1_500_00, 10).MonthlyFen);
    }

    [Fact]
    public void Household_size_is_capped_and_amount_clamped()
    {
        // 6 persons count as 4: 18.00 × 60 = 1,080.00; 8 persons the same.
        Assert.Equal(1_080_00, Rules().Quote("230102", 6, 500_00, 0).MonthlyFen);
        Assert.Equal(1_080_00, Rules().Quote("230102", 8, 500_00, 0).MonthlyFen);
        // 14.5 m² short of the standard? 0.5 m² × 18.00 = 9.00, raised to the 50.00 minimum.
        var small = Rules().Quote("230102", 1, 500_00, 14.5);
        Assert.Equal(50_00, small.MonthlyFen);
        Assert.Contains("按上下限调整为50.00元", small.Explanation, StringComparison.Ordinal);
        var rules = Rules();
        rules.MaximumMonthlyFen = 1_000_00;
        Assert.Equal(1_000_00, rules.Quote("230102", 4, 500_00, 0).MonthlyFen);
    }

    [Fact]
    public void Refusals_carry_reasons()
    {
        Assert.Equal(SubsidyRules.IncomeTooHighCode, Rules().Quote("230102", 2, 2_000_01, 0).Refusal!.Code);
        Assert.Equal(SubsidyRules.DistrictMissingCode, Rules().Quote("239999", 2, 500_00, 0).Refusal!.Code);
        Assert.Equal(SubsidyRules.NoShortfallCode, Rules().Quote("230102", 2, 500_00, 30).Refusal!.Code);
        Assert.Equal(SubsidyRules.InvalidInputCode, Rules().Quote("230102", 2, -1, 0).Refusal!.Code);
    }

    private static SubsidyAccount Account(string name = "张三明", long amount = 630_00, int startMonth = 11) =>
        SubsidyAccount.Open(Guid.NewGuid(), Guid.NewGuid(), "230102", name, "230102198503121232", "哈尔滨银行", "6217000011112222333", amount, new DateOnly(2026, startMonth, 15), Now);

    [Fact]
    public void Monthly_run_pays_active_accounts_once_and_skips_suspended_and_ended()
    {
        var active = Account();
        var suspended = Account("李四");
        var ended = Account("王五");
        var later = Account("赵六", startMonth: 12);
        Assert.Null(suspended.Suspend("年审逾期未提交材料", Now));
        Assert.Null(ended.End("年审不合格，退出保障", Now));

        var rows = SubsidyPayments.BuildRun([active, suspended, ended, later], new DateOnly(2026, 11, 1), "B202611", Now);
        var row = Assert.Single(rows);
        Assert.Equal((active.Id, 630_00L, 1), (row.AccountId, row.AmountFen, row.Serial));
        Assert.True(active.WasPaidFor(new DateOnly(2026, 11, 1)));

        Assert.Empty(SubsidyPayments.BuildRun([active], new DateOnly(2026, 11, 1), "B202611-again", Now));
        Assert.Equal(2, SubsidyPayments.BuildRun([active, later, suspended], new DateOnly(2026, 12, 1), "B202612", Now).Count);

        Assert.Null(suspended.Resume("材料已补交", Now));
        Assert.Single(SubsidyPayments.BuildRun([suspended], new DateOnly(2026, 12, 1), "B202612b", Now));
        Assert.NotNull(ended.Resume("x", Now));
        Assert.NotNull(ended.ChangeAmount(100_00, "x", Now));
    }

    [Fact]
    public void History_records_every_change()
    {
        var a = Account();
        a.ChangeAmount(500_00, "收入档次变化", Now);
        a.Suspend("核查", Now);
        a.Resume("核查完毕", Now);
        SubsidyPayments.BuildRun([a], new DateOnly(2026, 11, 1), "B1", Now);
        a.End("退出", Now);
        Assert.Equal(
            [SubsidyHistoryKind.Started, SubsidyHistoryKind.AmountChanged, SubsidyHistoryKind.Suspended, SubsidyHistoryKind.Resumed, SubsidyHistoryKind.Paid, SubsidyHistoryKind.Ended],
            a.History.Select(h => h.Kind));
        Assert.Equal(500_00, a.History.Single(h => h.Kind == SubsidyHistoryKind.Paid).AmountFen);
        Assert.Equal(new DateOnly(2026, 11, 1), a.StartMonth);
    }

    [Fact]
    public void Bank_file_is_csv_with_bom_quoted_numbers_and_no_formulas()
    {
        var rows = SubsidyPayments.BuildRun([Account("=HYPERLINK(\"x\")"), Account("张,三", amount: 1_234_5)], new DateOnly(2026, 11, 1), "B202611", Now);
        using var ms = new MemoryStream();
        SubsidyPayments.WriteCsv(rows, ms);
        var bytes = ms.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(SubsidyPayments.CsvHeader, lines[0]);
        Assert.Equal("1,B202611,\"'=HYPERLINK(\"\"x\"\")\",\"230102198503121232\",哈尔滨银行,\"6217000011112222333\",630.00,2026-11", lines[1]);
        Assert.Equal("2,B202611,\"张,三\",\"230102198503121232\",哈尔滨银行,\"6217000011112222333\",123.45,2026-11", lines[2]);
    }
}

public class SubsidyWorkbookTests
{
    [Fact]
    public void Xlsx_has_the_header_and_one_row_per_payment_with_numbers_kept_as_text()
    {
        var now = new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
        var account = SubsidyAccount.Open(Guid.NewGuid(), Guid.NewGuid(), "230102", "张三明", "230102198503121232", "哈尔滨银行", "6217000011112222333", 630_00, new DateOnly(2026, 11, 1), now);
        var rows = SubsidyPayments.BuildRun([account], new DateOnly(2026, 11, 1), "B202611", now);
        using var ms = new MemoryStream();
        Yiju.Housing.Export.SubsidyPaymentWorkbook.Write(rows, ms);

        ms.Position = 0;
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(ms, false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var cells = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue!.Text).ToList())
            .ToList();
        Assert.Equal(2, cells.Count);
        Assert.Equal(SubsidyPayments.CsvHeader.Split(','), cells[0]);
        Assert.Equal(["1", "B202611", "张三明", "230102198503121232", "哈尔滨银行", "6217000011112222333", "630.00", "2026-11"], cells[1]);
        Assert.Equal("F2", sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ElementAt(13).CellReference!.Value);
    }
}
