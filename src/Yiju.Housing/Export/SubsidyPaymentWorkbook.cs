using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Subsidies;

namespace Yiju.Housing.Export;

/// <summary>
/// The monthly subsidy payment file as .xlsx, for banks that import spreadsheets rather than CSV. Same columns as
/// <see cref="SubsidyPayments.WriteCsv"/>. ID and account numbers are text cells: as numbers Excel would keep only
/// 15 significant digits and silently change them.
/// </summary>
public static class SubsidyPaymentWorkbook
{
    public static void Write(IEnumerable<SubsidyPaymentRow> rows, Stream output, string sheetName = "租赁补贴发放")
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = doc.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        sheetPart.Worksheet = new Worksheet(data);

        data.Append(Row(1, SubsidyPayments.CsvHeader.Split(',').Select(Text)));
        var r = 2u;
        var ci = CultureInfo.InvariantCulture;
        foreach (var p in rows)
        {
            data.Append(Row(r++,
            [
                Number(p.Serial.ToString(ci)),
                Text(p.BatchId),
                Text(p.PayeeName),
                Text(p.PayeeIdNumber),
                Text(p.BankName),
                Text(p.BankAccount),
                Number(Fen.ToYuan(p.AmountFen)),
                Text(p.Month.ToString("yyyy-MM", ci)),
            ]));
        }

        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName });
        workbookPart.Workbook.Save();
    }

    private static Row Row(uint index, IEnumerable<Cell> cells)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var cell in cells)
        {
            cell.CellReference = ColumnName(column++) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(cell);
        }
        return row;
    }

    private static string ColumnName(int zeroBased) => zeroBased < 26
        ? ((char)('A' + zeroBased)).ToString()
        : ColumnName((zeroBased / 26) - 1) + (char)('A' + (zeroBased % 26));

    private static Cell Text(string value) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static Cell Number(string invariantNumber) => new()
    {
        DataType = CellValues.Number,
        CellValue = new CellValue(invariantNumber),
    };
}
