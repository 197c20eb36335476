using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Reports;

/// <summary>
/// The quarterly report as .xlsx: sheet 总体情况 (task counts per home), 指标 (one row per indicator with target, actual,
/// share, 序时进度, status and source), 本季度数值 (the approved figures of the quarter, city and districts) and 说明.
/// Numbers are number cells, so the sheet can be recalculated.
/// </summary>
public static class QuarterlyReportWorkbook
{
    public static byte[] Render(QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = doc.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            var statuses = new[] { ProgressStatus.Met, ProgressStatus.OnTrack, ProgressStatus.AtRisk, ProgressStatus.Lagging, ProgressStatus.NotAssessable };

            var summary = new List<Cell[]>
            {
                new[] { Text(report.Title) },
                new[] { Text("统计截至"), Text(QuarterlyReport.Day(report.AsOf)) },
                new[] { Text("家园") }.Concat(statuses.Select(s => Text(QuarterlyReport.StatusName(s)))).ToArray(),
            };
            summary.AddRange(report.Homes.Select(h => new[] { Text(h.Home.Name) }.Concat(statuses.Select(s => Number(h.TaskCounts[s]))).ToArray()));
            Add(workbookPart, sheets, 1, "总体情况", summary);

            var lines = new List<Cell[]>
            {
                new[] { Text("家园"), Text("指标代码"), Text("指标"), Text("单位"), Text("任务"), Text("牵头单位"), Text("目标值"), Text("目标期"),
                    Text("完成值"), Text("完成值截至"), Text("完成度"), Text("序时进度"), Text("状态"), Text("计算"), Text("来源文件"), Text("来源原文"), Text("说明") },
            };
            lines.AddRange(report.Homes.SelectMany(h => h.Lines.Select(l => new[]
            {
                Text(h.Home.Name), Text(l.Indicator.Code), Text(l.Indicator.Name), Text(l.Indicator.Unit), Text(l.TaskName), Text(l.LeadDepartment ?? ""),
                Number(l.Target?.Value), Text(l.Target?.PeriodLabel ?? ""), Number(l.Assessment?.Actual ?? l.Latest?.Value),
                Text(l.Assessment?.AssessedAt is { } at ? QuarterlyReport.Day(at) : l.Latest?.Period.ToString() ?? ""),
                Number(l.Assessment?.ShareOfTarget), Number(l.Assessment?.TimeElapsed), Text(QuarterlyReport.StatusName(l.Status)),
                Text(l.Assessment?.Formula ?? ""), Text(l.Latest?.Source.Document ?? ""), Text(l.Latest?.Source.Quote ?? ""),
                Text(l.Latest?.ComparabilityNote ?? l.Target?.ComparabilityNote ?? ""),
            })));
            Add(workbookPart, sheets, 2, "指标", lines);

            var values = new List<Cell[]>
            {
                new[] { Text("指标代码"), Text("指标"), Text("区域"), Text("报告期"), Text("数值"), Text("分子"), Text("分母"), Text("来源"), Text("审核人"), Text("修订") },
            };
            values.AddRange(report.Homes.SelectMany(h => h.Lines).SelectMany(l => l.InQuarter.Select(v => new[]
            {
                Text(l.Indicator.Code), Text(l.Indicator.Name), Text(report.District(v.DistrictCode)), Text(v.Period.ToString()),
                Number(v.Value), Number(v.Numerator), Number(v.Denominator), Text(v.Source.Document + " " + v.Source.Quote),
                Text(v.ReviewedBy ?? ""), Number(v.Revision),
            })));
            Add(workbookPart, sheets, 3, "本季度数值", values);
            Add(workbookPart, sheets, 4, "说明", [[Text(QuarterlyReport.Method)]]);
            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static void Add(WorkbookPart workbookPart, Sheets sheets, uint id, string name, IEnumerable<Cell[]> rows)
    {
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        sheetPart.Worksheet = new Worksheet(data);
        var index = 1u;
        foreach (var cells in rows)
        {
            var row = new Row { RowIndex = index };
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c].CellReference = ColumnName(c) + index.ToString(CultureInfo.InvariantCulture);
                row.Append(cells[c]);
            }

            data.Append(row);
            index++;
        }

        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = id, Name = name });
    }

    private static string ColumnName(int zeroBased) => zeroBased < 26
        ? ((char)('A' + zeroBased)).ToString()
        : ColumnName((zeroBased / 26) - 1) + (char)('A' + (zeroBased % 26));

    private static Cell Text(string value) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static Cell Number(double? value) => value is { } v && double.IsFinite(v)
        ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(v.ToString("R", CultureInfo.InvariantCulture)) }
        : Text("");
}
