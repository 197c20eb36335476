using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using CsvHelper;
using CsvHelper.Configuration;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Import;

/// <summary>The rows of an import file as text, or why the file itself cannot be read (row 1 = the header).</summary>
public sealed record ImportParse(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Reads the documented layout (<see cref="ValueImportRules.Columns"/>) from .xlsx (the first worksheet, streamed
/// straight from the zip with <see cref="XmlReader"/> by <see cref="XlsxPackage"/>, so 100,000 rows never become a DOM) or .csv (UTF-8, with or without BOM,
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
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var package = XlsxPackage.Open(zip);
            if (package is null)
                return Empty();
            var strings = package.SharedStrings();
            Header? header = null;
            var rows = new List<ImportRow>();
            var cells = new List<string?>();
            ImportParse? stop = null;

            // Each row as it is read: the first one is the header, the others are data.
            var complete = package.ReadFirstSheet(strings, cells, rowNumber =>
            {
                if (header is null)
                {
                    header = Header.From(cells);
                    if (header.Errors.Count > 0)
                        stop = new ImportParse([], header.Errors);
                    return stop is null;
                }

                if (rows.Count >= ValueImportRules.MaxRows)
                {
                    stop = TooMany();
                    return false;
                }

                var snapshot = cells.ToArray();
                rows.Add(header.Row(rowNumber, i => i < snapshot.Length ? snapshot[i] : null));
                return true;
            });
            if (!complete)
                return Empty();
            if (stop is not null)
                return stop;
            return header is null ? Empty() : new ImportParse(rows, []);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or InvalidOperationException or IOException or NotSupportedException)
        {
            return new ImportParse([], [new ImportRowError(0, "", "文件不是有效的 .xlsx 工作簿 (not a valid .xlsx workbook)")]);
        }
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
