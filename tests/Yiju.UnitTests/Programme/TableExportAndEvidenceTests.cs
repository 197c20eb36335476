using System.IO.Compression;
using System.Text;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Export;
using Yiju.Programme.Features.Queries;
using Yiju.Programme.SeedData;

namespace Yiju.UnitTests.Programme;

public class TableExportAndEvidenceTests
{
    [Fact]
    public void Csv_starts_with_a_utf8_bom_and_quotes_commas()
    {
        var table = new ExportTable("部门", ["部门", "说明"], [["市住建局", "甲,乙"], ["市教育局", 3.5]]);
        var bytes = TableExport.ToCsv(table);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal("部门,说明\r\n市住建局,\"甲,乙\"\r\n市教育局,3.5\r\n", text);
    }

    [Fact]
    public void Xlsx_keeps_numbers_as_numbers_and_sheet_names_valid()
    {
        var bytes = TableExport.ToXlsx(new ExportTable("a/b:c*d?e[f]g-very-long-name-for-a-sheet", ["x"], [[1.5]]), new ExportTable("说明", ["y"], [["z"]]));
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var reader = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open());
        var workbook = reader.ReadToEnd();
        Assert.Contains("name=\"abcdefg-very-long-name-for-a-sh\"", workbook, StringComparison.Ordinal);
        Assert.Contains("name=\"说明\"", workbook, StringComparison.Ordinal);
        var sheet = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()).ToList();
        Assert.Contains(sheet, s => System.Text.RegularExpressions.Regex.IsMatch(s, "t=\"n\"[^>]*><(\\w+:)?v>1\\.5</"));
    }

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var e in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(e).Open());
                w.Write("<x/>");
            }
        }

        return buffer.ToArray();
    }

    [Fact]
    public void Evidence_types_are_judged_by_content_and_must_match_the_extension()
    {
        byte[] pdf = [.. "%PDF-1.7\n"u8.ToArray(), 1, 2, 3];
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0];
        byte[] exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0];
        var xlsx = Zip("[Content_Types].xml", "xl/workbook.xml");
        var docx = Zip("[Content_Types].xml", "word/document.xml");
        var jar = Zip("META-INF/MANIFEST.MF");

        Assert.Equal((EvidenceFiles.Pdf, null), EvidenceFiles.Check("台账.pdf", pdf));
        Assert.Equal(EvidenceFiles.Png, EvidenceFiles.Check("现场.PNG", png).ContentType);
        Assert.Equal(EvidenceFiles.Xlsx, EvidenceFiles.Check("清单.xlsx", xlsx).ContentType);
        Assert.Equal(EvidenceFiles.Docx, EvidenceFiles.Check("说明.docx", docx).ContentType);
        Assert.NotNull(EvidenceFiles.Check("invoice.pdf", exe).Problem);      // an .exe renamed .pdf
        Assert.NotNull(EvidenceFiles.Check("tool.exe", exe).Problem);
        Assert.NotNull(EvidenceFiles.Check("清单.xlsx", jar).Problem);        // a ZIP that is no workbook
        Assert.NotNull(EvidenceFiles.Check("清单.pdf", xlsx).Problem);        // a workbook named .pdf
        Assert.NotNull(EvidenceFiles.Check("空.pdf", []).Problem);
        Assert.NotNull(EvidenceFiles.Check("大.pdf", [.. pdf, .. new byte[ValueEvidence.MaxSizeBytes]]).Problem);
        Assert.Equal("a.pdf", EvidenceFiles.CleanFileName("..\\..\\x/a.pdf"));
    }

    [Fact]
    public void Search_finds_codes_chinese_names_and_departments_in_the_harbin_programme()
    {
        var programme = HarbinSeedLoader.Load(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Programme;
        var byCode = ProgrammeSearch.Find(programme, "h4.g1.t1");
        Assert.Contains(byCode, h => h.Kind == "task" && h.Code == "H4.G1.T1");
        Assert.Contains(byCode, h => h.Kind == "indicator" && h.Code!.StartsWith("H4.G1.T1.I", StringComparison.Ordinal));
        var byName = ProgrammeSearch.Find(programme, "城镇新增就业");
        Assert.Contains(byName, h => h.Kind == "indicator" && h.Url == "/programme/indicators/H1.G1.T1.I1");
        Assert.Contains(ProgrammeSearch.Find(programme, "住建"), h => h.Kind == "department" && h.Name == "市住建局");
        Assert.Contains(ProgrammeSearch.Find(programme, "和谐"), h => h.Kind == "home");
        Assert.Empty(ProgrammeSearch.Find(programme, "  "));
        Assert.Empty(ProgrammeSearch.Find(programme, "不存在的内容xyz"));
    }
}
