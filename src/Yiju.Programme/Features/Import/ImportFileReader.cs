using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Import;

/// <summary>The rows of an import file as text, or why the file itself cannot be read (row 1 = the header).</summary>
public sealed record ImportParse(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Reads the documented layout (<see cref="ValueImportRules.Columns"/>) from .xlsx (the first worksheet, streamed with
/// the SAX-style <see cref="OpenXmlReader"/> so 100,000 rows never become a DOM) or .csv (UTF-8, with or without BOM,
/// or GB18030 as Excel on a Chinese Windows saves "CSV"). Only reading happens here; <see cref="ValueImportRules"/> checks.
/// </summary>
public static class ImportFileReader
{
    static ImportFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static ImportParse Read(string format, byte[] content) => format switch
    {
        "xlsx" => ReadXlsx(content),
        "csv" => ReadCsv(content),
        _ => new ImportParse([], [new ImportRowError(0, "", "只能导入 .xlsx 或 .csv 文件 (only .xlsx or .csv)")]),
    };

    /// <summary>"xlsx" or "csv" from the file name; the content is then read as that format and refused if it is not.</summary>
    public static string? FormatOf(string? fileName) => Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
    {
        ".xlsx" => "xlsx",
        ".csv" => "csv",
        _ => null,
    };

    public static ImportParse ReadCsv(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = Decode(content);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        Header? header = null;
        var rows = new List<ImportRow>();
        while (csv.Read())
        {
            var record = csv.Parser.Record ?? [];
            var rowNumber = csv.Parser.Row;
            if (header is null)
            {
                header = Header.From(record);
                if (header.Errors.Count > 0)
                    return new ImportParse([], header.Errors);
                continue;
            }

            if (rows.Count >= ValueImportRules.MaxRows)
                return TooMany();
            rows.Add(header.Row(rowNumber, i => i < record.Length ? record[i] : null));
        }

        return header is null ? Empty() : new ImportParse(rows, []);
    }

    public static ImportParse ReadXlsx(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var doc = SpreadsheetDocument.Open(stream, false);
            var workbook = doc.WorkbookPart;
            var first = workbook?.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || first?.Id?.Value is not { } sheetId || workbook.GetPartById(sheetId) is not WorksheetPart sheet)
                return Empty();
            var strings = SharedStrings(workbook);
            Header? header = null;
            var rows = new List<ImportRow>();
            var cells = new List<string?>();
            var rowNumber = 0;
            var inRow = false;
            var column = -1;
            string? type = null;
            var phonetic = false;

            // Element by element, never loading a row into a DOM: rows, cells (their "r" and "t" attributes) and the
            // text of <v> and inline <t>; everything else is passed over.
            using var reader = OpenXmlReader.Create(sheet);
            while (reader.Read())
            {
                var elementType = reader.ElementType;
                if (elementType == typeof(PhoneticRun))
                {
                    // Phonetic guides (rPh) are not part of the value.
                    phonetic = reader.IsStartElement;
                    continue;
                }

                if (!reader.IsStartElement)
                    continue;
                if (elementType == typeof(Row))
                {
                    if (Flush() is { } stop)
                        return stop;
                    inRow = true;
                    cells.Clear();
                    column = -1;
                    var r = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                    rowNumber = int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : rowNumber + 1;
                }
                else if (elementType == typeof(Cell))
                {
                    type = null;
                    column = cells.Count;
                    foreach (var a in reader.Attributes)
                    {
                        if (a.LocalName == "r")
                            column = ColumnIndex(a.Value ?? "");
                        else if (a.LocalName == "t")
                            type = a.Value;
                    }

                    while (cells.Count <= column)
                        cells.Add(null);
                }
                else if (elementType == typeof(CellValue) && column >= 0)
                {
                    var text = reader.GetText();
                    cells[column] = type switch
                    {
                        "s" => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : null,
                        "b" => text == "1" ? "TRUE" : "FALSE",
                        _ => text,
                    };
                }
                else if (elementType == typeof(Text) && column >= 0 && type == "inlineStr" && !phonetic)
                {
                    // An inline string is one <t>, or the runs of rich text one after another.
                    cells[column] += reader.GetText();
                }
            }

            if (Flush() is { } last)
                return last;
            return header is null ? Empty() : new ImportParse(rows, []);

            // The row just read: the first one is the header, the others are data.
            ImportParse? Flush()
            {
                if (!inRow)
                    return null;
                inRow = false;
                if (header is null)
                {
                    header = Header.From(cells);
                    return header.Errors.Count > 0 ? new ImportParse([], header.Errors) : null;
                }

                if (rows.Count >= ValueImportRules.MaxRows)
                    return TooMany();
                var snapshot = cells.ToArray();
                rows.Add(header.Row(rowNumber, i => i < snapshot.Length ? snapshot[i] : null));
                return null;
            }
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException or InvalidOperationException)
        {
            return new ImportParse([], [new ImportRowError(0, "", "文件不是有效的 .xlsx 工作簿 (not a valid .xlsx workbook)")]);
        }
    }

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var list = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
            return list;
        var current = new StringBuilder();
        var open = false;
        var phonetic = false;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(PhoneticRun))
            {
                // Phonetic guides (rPh) are not part of the value.
                phonetic = reader.IsStartElement;
                continue;
            }

            if (!reader.IsStartElement)
                continue;
            if (reader.ElementType == typeof(SharedStringItem))
            {
                if (open)
                    list.Add(current.ToString());
                current.Clear();
                open = true;
            }
            else if (reader.ElementType == typeof(Text) && !phonetic)
            {
                current.Append(reader.GetText());
            }
        }

        if (open)
            list.Add(current.ToString());
        return list;
    }

    /// <summary>Zero-based column from a reference such as "C12" or "AA3".</summary>
    public static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
                break;
            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (BOM or not); otherwise GB18030, the encoding of "CSV" saved by Chinese Excel.</summary>
    private static string Decode(byte[] content)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            var text = utf8.GetString(content);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(content);
        }
    }

    private static ImportParse Empty() => new([], [new ImportRowError(1, "", "文件没有标题行 (the file has no header row)")]);

    private static ImportParse TooMany() =>
        new([], [new ImportRowError(0, "", $"一次最多导入 {ValueImportRules.MaxRows} 行 (at most {ValueImportRules.MaxRows} rows per file)")]);

    /// <summary>Which column holds which field, from the header row.</summary>
    private sealed class Header
    {
        private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

        public List<ImportRowError> Errors { get; } = [];

        public static Header From(IReadOnlyList<string?> cells)
        {
            var header = new Header();
            for (var i = 0; i < cells.Count; i++)
            {
                var text = cells[i]?.Trim().TrimStart('\uFEFF');
                if (string.IsNullOrEmpty(text))
                    continue;
                var key = ValueImportRules.Columns.KeyOf(text);
                if (key is null)
                    header.Errors.Add(new(1, text, $"未知列“{text}”，请使用模板中的列名 (unknown column; use the template's headers)"));
                else if (!header._columns.TryAdd(key, i))
                    header.Errors.Add(new(1, text, $"列“{text}”重复 (column appears twice)"));
            }

            foreach (var required in ValueImportRules.Columns.Layout.Where(c => c.Required))
            {
                if (!header._columns.ContainsKey(required.Key))
                    header.Errors.Add(new(1, required.Key, $"缺少“{required.Chinese}”列 (column {required.Key} missing)"));
            }

            if (!header._columns.ContainsKey(ValueImportRules.Columns.Value)
                && !(header._columns.ContainsKey(ValueImportRules.Columns.Numerator) && header._columns.ContainsKey(ValueImportRules.Columns.Denominator)))
            {
                header.Errors.Add(new(1, ValueImportRules.Columns.Value, "缺少“数值”列（或“分子”“分母”两列） (column value, or numerator and denominator, missing)"));
            }

            return header;
        }

        public ImportRow Row(int rowNumber, Func<int, string?> cell)
        {
            string? Get(string key) => _columns.TryGetValue(key, out var i) ? cell(i) : null;
            return new ImportRow(rowNumber, Get(ValueImportRules.Columns.IndicatorCode), Get(ValueImportRules.Columns.Period),
                Get(ValueImportRules.Columns.DistrictCode), Get(ValueImportRules.Columns.Value), Get(ValueImportRules.Columns.Numerator),
                Get(ValueImportRules.Columns.Denominator), Get(ValueImportRules.Columns.Explanation), Get(ValueImportRules.Columns.SourceNote));
        }
    }
}
