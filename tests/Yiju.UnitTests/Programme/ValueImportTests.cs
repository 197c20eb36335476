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

    [Fact]
    public void Xlsx_as_excel_writes_it_reads_shared_rich_and_inline_strings_without_phonetic_guides()
    {
        // Hand-written parts as Excel and other tools write them: the first tab is not sheet1.xml, targets are relative
        // and absolute, a shared string has rich-text runs and a phonetic guide, a cell is an inline string, one has no
        // "r" attribute, a boolean, an empty row element and a gap in the row numbers.
        var parsed = ImportFileReader.ReadXlsx(Workbook(
            sheets: """<sheet name="数据" sheetId="2" r:id="rId7"/><sheet name="说明" sheetId="1" r:id="rId1"/>""",
            sharedStrings: """
                <si><t>指标代码</t></si><si><t>期间</t></si><si><t>数值</t></si><si><t>说明</t></si>
                <si><r><rPr><b/></rPr><t>H4.G1.T1</t></r><r><t xml:space="preserve">.I2</t></r><rPh sb="0" eb="1"><t>ピン</t></rPh><phoneticPr fontId="1"/></si>
                <si><t>哈</t><rPh sb="0" eb="1"><t>ha</t></rPh><rPh sb="0" eb="1"><t>ha</t></rPh><t>尔滨</t></si>
                """,
            data: """
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>
                <row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="inlineStr"><is><r><t>2024</t></r><r><t>Q1</t></r><rPh><t>x</t></rPh></is></c><c><v>12.5</v></c><c r="D2" t="s"><v>5</v></c></row>
                <row r="3"/>
                <row r="5"><c r="A5" t="inlineStr"><is><t>H4.G1.T1.I2</t></is></c><c r="B5" t="str"><v>2024</v></c><c r="C5"><v>3</v></c><c r="D5" t="b"><v>1</v></c></row>
                """,
            other: """<row r="1"><c r="A1" t="inlineStr"><is><t>不是第一个工作表</t></is></c></row>"""));
        Assert.Empty(parsed.Errors);
        var rows = parsed.Rows.Where(r => !r.IsBlank).ToList();
        Assert.Equal([2, 5], rows.Select(r => r.RowNumber));
        Assert.Equal("H4.G1.T1.I2|2024Q1|12.5|哈尔滨", string.Join('|', rows[0].IndicatorCode, rows[0].Period, rows[0].Value, rows[0].Explanation));
        Assert.Equal("H4.G1.T1.I2|2024|3|TRUE", string.Join('|', rows[1].IndicatorCode, rows[1].Period, rows[1].Value, rows[1].Explanation));
    }

    [Fact]
    public void Xlsx_with_a_bad_header_or_no_worksheet_is_refused_with_a_message()
    {
        var badHeader = ImportFileReader.ReadXlsx(Workbook(
            sheets: """<sheet name="数据" sheetId="1" r:id="rId7"/>""",
            sharedStrings: "",
            data: """<row r="1"><c r="A1" t="inlineStr"><is><t>指标代码</t></is></c><c r="B1" t="inlineStr"><is><t>数直</t></is></c></row>""",
            other: ""));
        Assert.Contains(badHeader.Errors, e => e.RowNumber == 1 && e.Message.Contains("数直", StringComparison.Ordinal));

        var noSheet = ImportFileReader.ReadXlsx(Workbook(sheets: "", sharedStrings: "", data: "", other: ""));
        Assert.Single(noSheet.Errors);
        Assert.Empty(noSheet.Rows);
    }

    /// <summary>A minimal .xlsx package: the data sheet is "worksheets/data.xml" (rId7), another is "sheet1.xml" (rId1).</summary>
    private static byte[] Workbook(string sheets, string sharedStrings, string data, string other)
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var parts = new Dictionary<string, string>
        {
            ["_rels/.rels"] = $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>""",
            ["xl/workbook.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="{Rel}"><sheets>{sheets}</sheets></workbook>""",
            ["xl/_rels/workbook.xml.rels"] = $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="{Rel}/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId3" Type="{Rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>""",
            ["xl/sharedStrings.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">{sharedStrings}</sst>""",
            ["xl/worksheets/data.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>{data}</sheetData></worksheet>""",
            ["xl/worksheets/sheet1.xml"] = $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>{other}</sheetData></worksheet>""",
        };
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
        }

        return stream.ToArray();
    }

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("Z9", 25)]
    [InlineData("AA10", 26)]
    [InlineData("AZ3", 51)]
    public void Column_letters_become_indexes(string reference, int index) => Assert.Equal(index, ImportFileReader.ColumnIndex(reference));
}
