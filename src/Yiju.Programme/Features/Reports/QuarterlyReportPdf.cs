using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Reports;

/// <summary>
/// The quarterly report as PDF, drawn with PDFsharp on A4: title, the homes' task counts, then per home a table of
/// indicators (target, actual, share, 序时进度, status) each followed by its source and the figures approved for the
/// quarter, the lagging tasks and the method. Text is real text (with a ToUnicode map), so it can be searched and copied.
/// </summary>
public static class QuarterlyReportPdf
{
    private const double Margin = 40;

    public static byte[] Render(QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        CjkFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = report.Title;
        document.Info.Creator = "Yiju 宜居";
        var writer = new Writer(document);
        var title = new XFont(CjkFonts.Family, 15);
        var heading = new XFont(CjkFonts.Family, 12);
        var body = new XFont(CjkFonts.Family, 8.5);
        var small = new XFont(CjkFonts.Family, 7);

        writer.Paragraph(report.Title, title, XBrushes.Black);
        writer.Paragraph($"统计截至 {QuarterlyReport.Day(report.AsOf)}；生成于 {ProgrammeFormat.Time(report.GeneratedAtUtc)}（北京时间）；只含已审核数值。", small, XBrushes.DimGray);
        writer.Space(6);
        writer.Paragraph("一、总体情况（按任务计）", heading, XBrushes.Black);
        var statuses = new[] { ProgressStatus.Met, ProgressStatus.OnTrack, ProgressStatus.AtRisk, ProgressStatus.Lagging, ProgressStatus.NotAssessable };
        double[] summaryColumns = [140, 70, 70, 70, 70, 75];
        writer.Row(summaryColumns, ["家园", .. statuses.Select(QuarterlyReport.StatusName)], body, bold: true);
        foreach (var h in report.Homes)
            writer.Row(summaryColumns, [h.Home.Name, .. statuses.Select(s => h.TaskCounts[s].ToString(System.Globalization.CultureInfo.InvariantCulture))], body);

        var n = 2;
        double[] columns = [165, 70, 95, 45, 45, 55];
        foreach (var home in report.Homes)
        {
            writer.Space(8);
            writer.Paragraph($"{Chinese(n++)}、{home.Home.Name}", heading, XBrushes.Black);
            writer.Row(columns, ["指标（单位）", "目标值", "完成值", "完成度", "序时进度", "状态"], body, bold: true);
            foreach (var line in home.Lines)
            {
                var a = line.Assessment;
                writer.Row(columns,
                [
                    $"{line.Indicator.Code} {line.Indicator.Name}（{line.Indicator.Unit}）",
                    line.Target is { } t ? $"{QuarterlyReport.Number(t.Value)} {t.PeriodLabel}" : "—",
                    QuarterlyReport.ActualText(line),
                    QuarterlyReport.Percent(a?.ShareOfTarget),
                    QuarterlyReport.Percent(a?.TimeElapsed),
                    QuarterlyReport.StatusName(line.Status),
                ], body);
                if (line.Latest is { } latest)
                    writer.Paragraph($"来源：{latest.Source.Document}「{latest.Source.Quote}」{(latest.ComparabilityNote is { } note ? "；注：" + note : "")}", small, XBrushes.DimGray, indent: 10);
                foreach (var v in line.InQuarter)
                    writer.Paragraph($"本季度已审核：{report.District(v.DistrictCode)} {v.Period} = {QuarterlyReport.Number(v.Value)}（来源：{v.Source.Document} {v.Source.Quote}）", small, XBrushes.DarkSlateBlue, indent: 10);
            }
        }

        writer.Space(8);
        writer.Paragraph($"{Chinese(n)}、滞后和存在风险的任务", heading, XBrushes.Black);
        if (report.Lagging.Count == 0)
            writer.Paragraph("无。", body, XBrushes.Black);
        foreach (var t in report.Lagging)
            writer.Paragraph($"{t.Task.Code} {t.Task.Name}（牵头：{t.Task.LeadDepartment ?? "未明确"}）— {QuarterlyReport.StatusName(t.Status)}", body, XBrushes.Black);
        writer.Space(8);
        writer.Paragraph(QuarterlyReport.Method, small, XBrushes.DimGray);
        writer.Finish();

        using var stream = new MemoryStream();
        // PDFsharp embeds the CJK font whole (13 MB); it is cut down to the glyphs used, and only then deflated.
        document.Options.NoCompression = true;
        document.Save(stream, false);
        return PdfFontSubsetting.SubsetCffFonts(stream.ToArray());
    }

    private static string Chinese(int n) => n switch
    {
        1 => "一",
        2 => "二",
        3 => "三",
        4 => "四",
        5 => "五",
        6 => "六",
        7 => "七",
        8 => "八",
        9 => "九",
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A top-to-bottom text cursor that starts a new page when the next block does not fit.</summary>
    private sealed class Writer(PdfDocument document)
    {
        private PdfPage? page;
        private XGraphics? gfx;
        private double y;
        private readonly Dictionary<(double, char), double> widths = [];

        private XGraphics G
        {
            get
            {
                if (gfx is null)
                    NewPage();
                return gfx!;
            }
        }

        private double Width => page!.Width.Point - (2 * Margin);

        public void Space(double points) => y += points;

        public void Paragraph(string text, XFont font, XBrush brush, double indent = 0)
        {
            var lines = Wrap(G, text, font, Width - indent);
            var height = font.GetHeight() * 1.15;
            foreach (var line in lines)
            {
                Fit(height);
                gfx!.DrawString(line, font, brush, new XRect(Margin + indent, y, Width - indent, height), XStringFormats.TopLeft);
                y += height;
            }
        }

        public void Row(double[] widths, string[] cells, XFont font, bool bold = false)
        {
            var g = G;
            var height = font.GetHeight() * 1.15;
            var wrapped = cells.Select((c, i) => Wrap(g, c, font, widths[i] - 4)).ToList();
            var rowHeight = (wrapped.Max(w => w.Count) * height) + 4;
            Fit(rowHeight);
            if (bold)
                gfx!.DrawRectangle(XBrushes.Gainsboro, Margin, y, widths.Sum(), rowHeight);
            var x = Margin;
            for (var i = 0; i < cells.Length; i++)
            {
                for (var l = 0; l < wrapped[i].Count; l++)
                    gfx!.DrawString(wrapped[i][l], font, XBrushes.Black, new XRect(x + 2, y + 2 + (l * height), widths[i] - 4, height), XStringFormats.TopLeft);
                x += widths[i];
            }

            gfx!.DrawLine(XPens.LightGray, Margin, y + rowHeight, Margin + widths.Sum(), y + rowHeight);
            y += rowHeight;
        }

        public void Finish() => gfx?.Dispose();

        private void Fit(double height)
        {
            if (gfx is null || y + height > page!.Height.Point - Margin)
                NewPage();
        }

        private void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        /// <summary>
        /// Breaks text into lines that fit: Chinese has no spaces, so any character may end a line. Widths are measured
        /// per character and cached (measuring the growing line each time would be quadratic).
        /// </summary>
        private List<string> Wrap(XGraphics g, string text, XFont font, double width)
        {
            var lines = new List<string>();
            var current = new System.Text.StringBuilder();
            var used = 0.0;
            foreach (var ch in text)
            {
                var key = (font.Size, ch);
                if (!widths.TryGetValue(key, out var w))
                {
                    w = g.MeasureString(ch.ToString(), font).Width;
                    widths[key] = w;
                }

                if (current.Length > 0 && used + w > width)
                {
                    lines.Add(current.ToString());
                    current.Clear();
                    used = 0;
                }

                current.Append(ch);
                used += w;
            }

            if (current.Length > 0 || lines.Count == 0)
                lines.Add(current.ToString());
            return lines;
        }
    }
}
