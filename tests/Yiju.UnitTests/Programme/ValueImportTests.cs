using System.Text;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Export;
using Yiju.Programme.Features.Import;

namespace Yiju.UnitTests.Programme;

public class ValueImportTests
{
    private static readonly ProgrammeTask Housing = new() { Id = 1, Code = "H4.G1.T1", Name = "老旧小区改造", LeadDepartment = "市住建局" };
    private static readonly ProgrammeTask Schools = new() { Id = 2, Code = "H4.G2.T5", Name = "优质高中", LeadDepartment = "市教育局" };

    private static readonly Indicator Projects = new()
    {
        Id = 10,
        TaskId = 1,
        Code = "H4.G1.T1.I2",
        Name = "老旧小区改造项目",
        Unit = "个",
        Kind = IndicatorKind.Count,
        Direction = Direction.HigherIsBetter,
        Rollup = DistrictRollup.Sum,
        Frequency = PeriodType.Quarter,
        HasDistrictBreakdown = true,
    };

    private static readonly Indicator Coverage = new()
    {
        Id = 11,
        TaskId = 1,
        Code = "H4.G1.T1.I3",
        Name = "覆盖率",
        Unit = "%",
        Kind = IndicatorKind.Rate,
        Direction = Direction.HigherIsBetter,
        Rollup = DistrictRollup.NumeratorDenominator,
        Frequency = PeriodType.Year,
    };

    private static readonly Indicator HighSchools = new()
    {
        Id = 12,
        TaskId = 2,
        Code = "H4.G2.T5.I2",
        Name = "优质特色高中数",
        Unit = "所",
        Kind = IndicatorKind.Count,
        Direction = Direction.HigherIsBetter,
        Rollup = DistrictRollup.Sum,
        Frequency = PeriodType.Year,
        HasDistrictBreakdown = true,
    };

    private static ImportContext Context(
        IReadOnlyList<RoleGrant>? grants = null, IReadOnlyCollection<string>? departments = null, IReadOnlyCollection<string>? districts = null,
        Dictionary<(long, PeriodKey, string?), double>? approved = null, Dictionary<(long, PeriodKey, string?), ExistingValue>? existing = null) => new()
        {
            Indicators = new Dictionary<string, (Indicator, ProgrammeTask)>
            {
                [Projects.Code] = (Projects, Housing),
                [Coverage.Code] = (Coverage, Housing),
                [HighSchools.Code] = (HighSchools, Schools),
            },
            ProgrammeStartYear = 2022,
            ProgrammeEndYear = 2026,
            Today = new DateOnly(2024, 10, 8),
            Grants = grants ?? [new RoleGrant(Role.DepartmentStaff, null, 3)],
            CallerDepartments = departments ?? ["市住建局"],
            CallerDistricts = districts ?? [],
            KnownDistricts = ["230102", "230103"],
            Approved = approved ?? [],
            Existing = existing ?? [],
        };

    private static ImportRow Row(int n, string code, string period, string? value, string? district = null, string? numerator = null, string? denominator = null, string? explanation = null) =>
        new(n, code, period, district, value, numerator, denominator, explanation, null);

    [Fact]
    public void Good_rows_become_candidates_and_a_rate_may_be_given_by_its_parts()
    {
        var (candidates, errors) = ValueImportRules.Check(
        [
            Row(2, "h4.g1.t1.i2", "2024Q1", "12"),
            Row(3, "H4.G1.T1.I2", "2024Q1", "5", district: "230102"),
            Row(4, "H4.G1.T1.I3", "2023", null, numerator: "45", denominator: "60"),
            new ImportRow(5, "H4.G1.T1.I2", " ", null, null, "", null, null, null),
        ], Context());
        Assert.Empty(errors);
        Assert.Equal([2, 3, 4], candidates.Select(c => c.RowNumber));
        Assert.Equal(75, candidates[2].Value, 9);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_number_and_reason()
    {
        var (candidates, errors) = ValueImportRules.Check(
        [
            Row(2, "H4.G1.T1.I2", "2024Q1", "-3"),                                   // count below zero
            Row(3, "H4.G1.T1.I3", "2023", "120"),                                     // rate above 100
            Row(4, "H4.G1.T1.I3", "2024", "50", numerator: "70", denominator: "60"),  // numerator above denominator
            Row(5, "H4.G1.T1.I2", "2024Q2", "abc"),                                   // not a number
            Row(6, "H4.G1.T1.I2", "2025Q1", "1"),                                     // future period
            Row(7, "NO.SUCH", "2024", "1"),                                           // unknown indicator
            Row(8, "H4.G1.T1.I2", "2024Q3", "40"),                                    // sharp change without explanation
            Row(9, "H4.G1.T1.I2", "2024Q1", "1", district: "999999"),                 // unknown district
            Row(10, "H4.G1.T1.I2", "45474", "1"),                                     // a period Excel turned into a date
            Row(11, "H4.G1.T1.I2", "2024Q4", "1"),                                    // fine on its own ...
            Row(12, "H4.G1.T1.I2", "2024Q4", "2"),                                    // ... but the same line twice
            Row(13, "H4.G1.T1.I2", "2023", "2"),                                      // coarser than the quarterly frequency
        ], Context(approved: new() { [(Projects.Id, PeriodKey.Parse("2024Q2"), null)] = 10 }));

        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13], errors.Select(e => e.RowNumber).Distinct());
        Assert.Contains(errors, e => e.RowNumber == 4 && e.Column == ValueImportRules.Columns.Numerator);
        Assert.Contains(errors, e => e.RowNumber == 8 && e.Column == ValueImportRules.Columns.Explanation);
        Assert.Contains(errors, e => e.RowNumber == 10 && e.Message.Contains("文本", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.RowNumber == 12 && e.Message.Contains("第11行", StringComparison.Ordinal));
        Assert.Equal([11], candidates.Select(c => c.RowNumber));
    }

    [Fact]
    public void A_sharp_change_with_an_explanation_passes()
    {
        var (_, errors) = ValueImportRules.Check([Row(2, "H4.G1.T1.I2", "2024Q3", "40", explanation: "集中开工")],
            Context(approved: new() { [(Projects.Id, PeriodKey.Parse("2024Q2"), null)] = 10 }));
        Assert.Empty(errors);
    }

    [Fact]
    public void A_department_imports_only_the_indicators_it_leads()
    {
        var (_, errors) = ValueImportRules.Check([Row(2, "H4.G2.T5.I2", "2024", "1")], Context());
        var error = Assert.Single(errors);
        Assert.Contains("市教育局", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_district_imports_only_its_own_breakdown()
    {
        var district = Context(grants: [new RoleGrant(Role.DistrictStaff, "/1/2/", null)], departments: [], districts: ["230102"]);
        var (candidates, errors) = ValueImportRules.Check(
        [
            Row(2, "H4.G2.T5.I2", "2024", "1", district: "230102"),
            Row(3, "H4.G2.T5.I2", "2024", "1", district: "230103"),
            Row(4, "H4.G2.T5.I2", "2024", "1"),
            Row(5, "H4.G1.T1.I3", "2024", "50"),
        ], district);
        Assert.Equal([2], candidates.Select(c => c.RowNumber));
        Assert.Equal([3, 4, 5], errors.Select(e => e.RowNumber));
    }

    [Fact]
    public void Submitted_and_approved_periods_are_refused_drafts_are_replaced()
    {
        var existing = new Dictionary<(long, PeriodKey, string?), ExistingValue>
        {
            [(Projects.Id, PeriodKey.Parse("2024Q1"), null)] = new(Guid.NewGuid(), ValueStatus.Submitted, 1),
            [(Projects.Id, PeriodKey.Parse("2024Q2"), null)] = new(Guid.NewGuid(), ValueStatus.Approved, 1),
            [(Projects.Id, PeriodKey.Parse("2024Q3"), null)] = new(Guid.NewGuid(), ValueStatus.Draft, 1),
        };
        var (candidates, errors) = ValueImportRules.Check(
            [Row(2, "H4.G1.T1.I2", "2024Q1", "1"), Row(3, "H4.G1.T1.I2", "2024Q2", "1"), Row(4, "H4.G1.T1.I2", "2024Q3", "1")], Context(existing: existing));
        Assert.Equal([2, 3], errors.Select(e => e.RowNumber));
        Assert.NotNull(Assert.Single(candidates).Replaces);
    }

    [Fact]
    public void Csv_is_read_with_chinese_or_english_headers_in_any_order_utf8_or_gb18030()
    {
        const string text = "期间,指标代码,数值,区县代码,说明\n2024Q1,H4.G1.T1.I2,12,,开工\n\n2024Q1,H4.G1.T1.I2,\"1,200\",230102,\"含逗号,的说明\"\n";
        var utf8 = ImportFileReader.ReadCsv([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        Assert.Empty(utf8.Errors);
        Assert.Equal(2, utf8.Rows.Count(r => !r.IsBlank));
        var last = utf8.Rows.Last(r => !r.IsBlank);
        Assert.Equal(4, last.RowNumber);
        Assert.Equal("含逗号,的说明", last.Explanation);
        Assert.True(ValueImportRules.TryNumber(last.Value, out var v) && v == 1200);

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = ImportFileReader.ReadCsv(Encoding.GetEncoding("GB18030").GetBytes(text.Replace("期间", "period", StringComparison.Ordinal)));
        Assert.Empty(gb.Errors);
        Assert.Equal("开工", gb.Rows[0].Explanation);

        var english = ImportFileReader.ReadCsv(Encoding.UTF8.GetBytes("Indicator_Code,period,numerator,denominator\nH4.G1.T1.I3,2023,45,60\n"));
        Assert.Empty(english.Errors);
        Assert.Equal("45", english.Rows[0].Numerator);
    }

    [Fact]
    public void A_header_with_unknown_or_missing_columns_is_refused_at_row_1()
    {
        var parsed = ImportFileReader.ReadCsv(Encoding.UTF8.GetBytes("指标代码,数直\nH4.G1.T1.I2,1\n"));
        Assert.Empty(parsed.Rows);
        Assert.All(parsed.Errors, e => Assert.Equal(1, e.RowNumber));
        Assert.Contains(parsed.Errors, e => e.Message.Contains("数直", StringComparison.Ordinal));
        Assert.Contains(parsed.Errors, e => e.Column == ValueImportRules.Columns.Period);
        Assert.Contains(parsed.Errors, e => e.Column == ValueImportRules.Columns.Value);
    }

    [Fact]
    public void Xlsx_written_by_the_exporter_reads_back_with_row_numbers_text_and_numbers()
    {
        var table = new ExportTable("数据", ["指标代码", "指标名称", "期间", "区县代码", "数值", "说明"],
        [
            ["H4.G1.T1.I2", "老旧小区改造项目", "2024Q1", null, 12.5, "哈尔滨"],
            [null, null, null, null, null, null],
            ["H4.G1.T1.I2", "老旧小区改造项目", "2024", "230102", 3, null],
        ])
        { TextColumns = new HashSet<int> { 0, 2, 3 } };
        var parsed = ImportFileReader.ReadXlsx(TableExport.ToXlsx(table));
        Assert.Empty(parsed.Errors);
        var rows = parsed.Rows.Where(r => !r.IsBlank).ToList();
        Assert.Equal([2, 4], rows.Select(r => r.RowNumber));
        Assert.Equal("12.5", rows[0].Value);
        Assert.Equal("哈尔滨", rows[0].Explanation);
        Assert.Equal("230102", rows[1].DistrictCode);
        Assert.Equal("2024", rows[1].Period);
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_refused_not_thrown()
    {
        var parsed = ImportFileReader.ReadXlsx(Encoding.UTF8.GetBytes("not a zip"));
        Assert.Single(parsed.Errors);
        Assert.Empty(parsed.Rows);
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("Z9", 25)]
    [InlineData("AA10", 26)]
    [InlineData("AZ3", 51)]
    public void Column_letters_become_indexes(string reference, int index) => Assert.Equal(index, ImportFileReader.ColumnIndex(reference));
}
