using System.IO.Compression;

namespace Yiju.Programme.Domain;

/// <summary>
/// Which evidence files are accepted: PDF, JPEG, PNG, Excel (.xlsx) and Word (.docx), at most 10 MB, judged by the
/// bytes and not by the name or the browser's claim. An .exe renamed .pdf has no "%PDF-" header and is refused; an
/// .xlsx or .docx must be a ZIP package holding the workbook or document part, so any other ZIP (or a renamed .jar)
/// is refused too. The name's extension must agree with the content, so a reviewer opening "报表.pdf" gets a PDF.
/// </summary>
public static class EvidenceFiles
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = Pdf,
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".png"] = Png,
        [".xlsx"] = Xlsx,
        [".docx"] = Docx,
    };

    /// <summary>The content type from the first bytes (and, for Office files, the package's parts); null when none of the allowed kinds.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8))
            return Pdf;
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return Jpeg;
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            return Png;
        return content.StartsWith("PK\u0003\u0004"u8) ? OfficeKind(content.ToArray()) : null;
    }

    private static string? OfficeKind(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.GetEntry("[Content_Types].xml") is null)
                return null;
            if (zip.GetEntry("xl/workbook.xml") is not null)
                return Xlsx;
            return zip.GetEntry("word/document.xml") is not null ? Docx : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The name without any path, control characters or quotes, at most 200 characters.</summary>
    public static string CleanFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not '"' and not '/').ToArray()).Trim();
        if (name.Length == 0)
            name = "evidence";
        return name.Length > 200 ? name[^200..] : name;
    }

    /// <summary>The checked content type, or the reason the file is refused (Chinese first, English after).</summary>
    public static (string? ContentType, string? Problem) Check(string? fileName, ReadOnlySpan<byte> content)
    {
        var name = CleanFileName(fileName);
        if (content.Length == 0)
            return (null, $"{name}：文件为空 (empty file)");
        if (content.Length > ValueEvidence.MaxSizeBytes)
            return (null, $"{name}：佐证材料不能超过10MB (larger than 10 MB)");
        if (!ByExtension.TryGetValue(Path.GetExtension(name), out var claimed))
            return (null, $"{name}：只能上传PDF、JPG、PNG、XLSX或DOCX文件 (only pdf, jpg, png, xlsx, docx)");
        var actual = Sniff(content);
        if (actual is null)
            return (null, $"{name}：文件内容不是PDF、JPG、PNG、XLSX或DOCX (the content is none of the allowed types)");
        if (!string.Equals(actual, claimed, StringComparison.Ordinal))
            return (null, $"{name}：文件内容与扩展名不符 (the content does not match the file extension)");
        return (actual, null);
    }
}
