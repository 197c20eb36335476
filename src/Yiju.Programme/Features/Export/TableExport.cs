using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Yiju.Programme.Features.Export;

/// <summary>
/// A table as a page shows it: a name (the sheet and file name), headers and rows of cells. Numbers stay numbers
/// (so Excel can sum them); everything else is text. <see cref="TextColumns"/> are formatted as text in .xlsx so
/// that what a person types there later ("2024-07", "230102") is not turned into a date or a number.
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public IReadOnlySet<int> TextColumns { get; init; } = new HashSet<int>();
}

/// <summary>
/// Writes tables to .csv (UTF-8 with BOM, so Excel on Chinese Windows opens 汉字 correctly rather than as GBK mojibake)
/// and .xlsx (streamed with <see cref="OpenXmlWriter"/>, one sheet per table). The caller decides what goes in —
/// the same rows, masked the same way, as the page shows to that person.
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>"xlsx" or "csv" (anything else is null: the caller answers 400).</summary>
    public static string? Format(string? requested) => (requested ?? "").Trim().ToLowerInvariant() switch
    {
        "xlsx" => "xlsx",
        "csv" => "csv",
        _ => null,
    };

    public static (byte[] Content, string ContentType, string FileName) Write(string format, params ExportTable[] sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        if (sheets.Length == 0)
            throw new ArgumentException("At least one table.", nameof(sheets));
        var name = FileName(sheets[0].Name);
        return format == "csv"
            ? (ToCsv(sheets[0]), CsvContentType, name + ".csv")
            : (ToXlsx(sheets), XlsxContentType, name + ".xlsx");
    }

    public static byte[] ToCsv(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)))
        {
            foreach (var h in table.Headers)
                csv.WriteField(h);
            csv.NextRecord();
            foreach (var row in table.Rows)
            {
                foreach (var cell in row)
                    csv.WriteField(Text(cell));
                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    public static byte[] ToXlsx(params ExportTable[] sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var buffer = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            // Style 0 is the default; style 1 is the built-in text format "@" (numFmtId 49); style 2 is bold for headers.
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { NumberFormatId = 49, ApplyNumberFormat = true },
                    new CellFormat { FontId = 1, ApplyFont = true })
                { Count = 3 });
            var list = new Sheets();
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint id = 1;
            foreach (var table in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                WriteSheet(part, table);
                var sheetName = SheetName(table.Name, used);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = sheetName });
            }

            workbook.Workbook.Append(list);
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    private static void WriteSheet(WorksheetPart part, ExportTable table)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        var width = Math.Max(table.Headers.Count, 1);
        var columns = new Columns();
        for (var c = 0; c < width; c++)
        {
            var column = new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = 16, CustomWidth = true };
            if (table.TextColumns.Contains(c))
                column.Style = 1;
            columns.Append(column);
        }

        writer.WriteElement(columns);
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, 1, table.Headers.Cast<object?>().ToList(), header: true, table.TextColumns);
        uint r = 2;
        foreach (var row in table.Rows)
            WriteRow(writer, r++, row, header: false, table.TextColumns);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, uint index, IReadOnlyList<object?> cells, bool header, IReadOnlySet<int> textColumns)
    {
        writer.WriteStartElement(new Row { RowIndex = index });
        for (var c = 0; c < cells.Count; c++)
        {
            var value = cells[c];
            if (value is null)
                continue;
            var reference = ColumnName(c) + index.ToString(CultureInfo.InvariantCulture);
            Cell cell = Number(value) is { } number && !textColumns.Contains(c)
                ? new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(number) }
                : new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(Text(value)) { Space = SpaceProcessingModeValues.Preserve }),
                };
            if (header)
                cell.StyleIndex = 2;
            else if (textColumns.Contains(c))
                cell.StyleIndex = 1;
            writer.WriteElement(cell);
        }

        writer.WriteEndElement();
    }

    private static string? Number(object value) => value switch
    {
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        float f when float.IsFinite(f) => f.ToString("R", CultureInfo.InvariantCulture),
        int or long or short or decimal => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string ColumnName(int zeroBased) => zeroBased < 26
        ? ((char)('A' + zeroBased)).ToString()
        : ColumnName((zeroBased / 26) - 1) + (char)('A' + (zeroBased % 26));

    /// <summary>Excel's rules: at most 31 characters, none of []:*?/\, unique in the workbook.</summary>
    private static string SheetName(string name, HashSet<string> used)
    {
        var clean = new string(name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray()).Trim();
        if (clean.Length == 0)
            clean = "Sheet";
        if (clean.Length > 31)
            clean = clean[..31];
        var candidate = clean;
        for (var n = 2; !used.Add(candidate); n++)
            candidate = clean[..Math.Min(clean.Length, 28)] + "_" + n.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }

    /// <summary>A download name: the table's name without characters that file systems or headers refuse.</summary>
    private static string FileName(string name)
    {
        var clean = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim();
        return clean.Length == 0 ? "export" : clean;
    }
}
